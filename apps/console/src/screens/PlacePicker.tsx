import { MouseEvent, useEffect, useMemo, useState } from 'react';
import type { Api } from '../api';
import { Problem } from '../components';
import { useTexts } from '../i18n';
import { Boundary, ISLANDS, MAP_WIDTH, project } from '../map';
import type { Kelurahan, Page } from '../types';

const ZOOM = 3;

/**
 * The mainland's kelurahan boundaries to click the place of a complaint on: the boundaries are
 * fetched only when the operator opens the map (they weigh about half a megabyte). The typed
 * "latitude, longitude" field beside it is the way in without a pointer.
 */
export function PlacePicker({
  api,
  point,
  onPick,
}: {
  api: Api;
  point?: { lat: number; lon: number };
  onPick: (lat: number, lon: number) => void;
}) {
  const { t } = useTexts();
  const [boundaries, setBoundaries] = useState<(Kelurahan & { geometry: Boundary })[]>();
  const [error, setError] = useState<unknown>();
  // A first click picks the point and zooms in threefold around it, so that a second click can
  // put it on the right street; one pixel of the whole city is about 80 m.
  const [zoomedAt, setZoomedAt] = useState<[number, number]>();

  useEffect(() => {
    api
      .get<Page<Kelurahan & { geometry: Boundary }>>('/api/v1/regions/kelurahan?geometry=true')
      .then(
        (page) => setBoundaries(page.data.filter((k) => !k.code.startsWith(`${ISLANDS}.`))),
        setError,
      );
  }, [api]);
  const map = useMemo(
    () => (boundaries ? project(boundaries.map((k) => k.geometry)) : undefined),
    [boundaries],
  );

  const pick = (event: MouseEvent<SVGSVGElement>) => {
    const svg = event.currentTarget;
    const matrix = svg.getScreenCTM();
    if (!map || !matrix) return;
    const at = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    const [lon, lat] = map.toLonLat(at.x, at.y);
    onPick(Number(lat.toFixed(6)), Number(lon.toFixed(6)));
    if (!zoomedAt) setZoomedAt([at.x, at.y]);
  };

  if (!map || !boundaries) return error ? <Problem error={error} /> : <p>{t('loading')}</p>;
  const marker = point && map.toXY(point.lon, point.lat);
  const [width, height] = [MAP_WIDTH / (zoomedAt ? ZOOM : 1), map.height / (zoomedAt ? ZOOM : 1)];
  const [left, top] = zoomedAt ? [zoomedAt[0] - width / 2, zoomedAt[1] - height / 2] : [0, 0];
  return (
    <figure className="map picker">
      <svg
        viewBox={`${left} ${top} ${width} ${height}`}
        role="img"
        aria-labelledby="picker-title"
        onClick={pick}
      >
        <title id="picker-title">{t('mapPickTitle')}</title>
        {boundaries.map((k, n) => (
          <path
            key={k.code}
            d={map.paths[n]}
            fill="#eef3f9"
            stroke="#6b7482"
            strokeWidth="0.5"
            vectorEffect="non-scaling-stroke"
          >
            <title>{`${k.name} — ${k.kecamatan.name}`}</title>
          </path>
        ))}
        {marker && <circle cx={marker[0]} cy={marker[1]} r="6" fill="#a4161a" stroke="#ffffff" />}
      </svg>
      <figcaption className="hint">
        {zoomedAt ? t('mapZoomedHint') : t('mapPickHint')}{' '}
        {zoomedAt && (
          <button type="button" className="link" onClick={() => setZoomedAt(undefined)}>
            {t('mapWhole')}
          </button>
        )}
      </figcaption>
    </figure>
  );
}
