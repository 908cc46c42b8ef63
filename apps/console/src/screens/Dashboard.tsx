import { useEffect, useState } from 'react';
import type { Api } from '../api';
import { Problem } from '../components';
import { STATUS_CODES, useTexts } from '../i18n';
import { Boundary, ISLANDS, MAP_WIDTH, project } from '../map';

interface Summary {
  asOf: string;
  total: number;
  open: number;
  overdue: number;
  byStatus: Record<string, number>;
}

interface Feature {
  geometry: Boundary;
  properties: {
    code: string;
    name: string;
    kota: { code: string } | null;
    total: number;
    open: number;
    overdue: number;
  };
}

/** Five classes, light to dark, each readable against its neighbours. */
const SHADES = ['#eef3f9', '#bcd3ea', '#7fa9d6', '#3d78b8', '#0b4f8a'];

/** The summary and a choropleth of complaints per kelurahan, from the dashboard's answers. */
export function Dashboard({ api }: { api: Api }) {
  const texts = useTexts();
  const { t } = texts;
  const [summary, setSummary] = useState<Summary>();
  const [features, setFeatures] = useState<Feature[]>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    api.get<Summary>('/api/v1/dashboard/summary').then(setSummary, setError);
    api
      .get<{ features: Feature[] }>('/api/v1/dashboard/regions?level=kelurahan&format=geojson')
      .then((map) => setFeatures(map.features), setError);
  }, [api]);

  const mainland = features?.filter((f) => f.properties.kota?.code !== ISLANDS) ?? [];
  const most = Math.max(1, ...mainland.map((f) => f.properties.total));
  const shade = (n: number) =>
    SHADES[n === 0 ? 0 : Math.min(4, 1 + Math.floor((n / most) * 3.999))];
  const { paths, height } = project(mainland.map((f) => f.geometry));
  const busiest = (features ?? [])
    .filter((f) => f.properties.total > 0)
    .sort((a, b) => b.properties.total - a.properties.total)
    .slice(0, 10);
  // A class's label is the most it holds; with few complaints several classes share one, and
  // only the darkest of them occurs.
  const legend = SHADES.map((colour, n) => ({
    colour,
    label: n === 0 ? '0' : `≤ ${Math.ceil((most * n) / 4)}`,
  })).filter((entry, n, all) => all[n + 1]?.label !== entry.label);

  return (
    <section>
      <h1>{t('dashboardTitle')}</h1>
      <Problem error={error} />
      {summary && (
        <>
          <p className="hint">
            {t('asOf')} {texts.dateTime(summary.asOf)}
          </p>
          <div className="figures">
            <div className="card figure">
              <span>{t('total')}</span>
              <strong>{summary.total}</strong>
            </div>
            <div className="card figure">
              <span>{t('open')}</span>
              <strong>{summary.open}</strong>
            </div>
            <div className="card figure">
              <span>{t('overdue')}</span>
              <strong className="late">{summary.overdue}</strong>
            </div>
          </div>
          <table className="card compact">
            <caption className="hint">{t('byStatus')}</caption>
            <tbody>
              {STATUS_CODES.map((code) => (
                <tr key={code}>
                  <th scope="row">{texts.status(code)}</th>
                  <td>{summary.byStatus[code] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {features && (
        <div className="columns">
          <figure className="card map">
            <svg viewBox={`0 0 ${MAP_WIDTH} ${height}`} role="img" aria-labelledby="map-title">
              <title id="map-title">{t('mapTitle')}</title>
              {mainland.map((feature, n) => (
                <path
                  key={feature.properties.code}
                  d={paths[n]}
                  fill={shade(feature.properties.total)}
                  stroke="#ffffff"
                  strokeWidth="0.6"
                >
                  <title>{`${feature.properties.name}: ${feature.properties.total}`}</title>
                </path>
              ))}
            </svg>
            <figcaption>
              {t('mapTitle')}. {t('mapIslands')}
              <span className="legend">
                {legend.map(({ colour, label }) => (
                  <span key={colour}>
                    <svg width="14" height="14" aria-hidden="true">
                      <rect width="14" height="14" fill={colour} stroke="#6b7482" />
                    </svg>{' '}
                    {label}
                  </span>
                ))}
              </span>
            </figcaption>
          </figure>
          <table className="card compact">
            <caption className="hint">{t('busiest')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('kelurahan')}</th>
                <th scope="col">{t('total')}</th>
                <th scope="col">{t('open')}</th>
              </tr>
            </thead>
            <tbody>
              {busiest.map((f) => (
                <tr key={f.properties.code}>
                  <th scope="row">{f.properties.name}</th>
                  <td>{f.properties.total}</td>
                  <td>{f.properties.open}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
