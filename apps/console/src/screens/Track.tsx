import { FormEvent, useState } from 'react';
import type { Api } from '../api';
import { Field, Problem, StatusBadge } from '../components';
import { useTexts } from '../i18n';

interface Tracked {
  trackingNumber: string;
  status: string;
  category: { name: string } | null;
  kelurahan: { name: string } | null;
  receivedAt: string;
  updatedAt: string;
}

/** What a reporter sees of their complaint by its tracking number: no personal data. */
export function Track({ api }: { api: Api }) {
  const texts = useTexts();
  const { t } = texts;
  const [number, setNumber] = useState('');
  const [tracked, setTracked] = useState<Tracked>();
  const [error, setError] = useState<unknown>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setTracked(undefined);
    api
      .get<Tracked>(`/api/v1/complaints/track/${encodeURIComponent(number.trim())}`)
      .then(setTracked, setError);
  };

  return (
    <section className="card narrow">
      <h1>{t('trackTitle')}</h1>
      <form onSubmit={submit}>
        <Field label={t('trackingNumber')} id="trackingNumber">
          <input
            id="trackingNumber"
            required
            value={number}
            placeholder="JKT-XXXX-XXXX-XXXX"
            onChange={(e) => setNumber(e.target.value)}
          />
        </Field>
        <button type="submit">{t('trackButton')}</button>
      </form>
      <Problem error={error} />
      {tracked && (
        <dl className="facts" aria-live="polite">
          <dt>{t('trackingNumber')}</dt>
          <dd>{tracked.trackingNumber}</dd>
          <dt>{t('status')}</dt>
          <dd>
            <StatusBadge status={tracked.status} />
          </dd>
          <dt>{t('category')}</dt>
          <dd>{tracked.category?.name ?? '—'}</dd>
          <dt>{t('kelurahan')}</dt>
          <dd>{tracked.kelurahan?.name ?? '—'}</dd>
          <dt>{t('receivedAt')}</dt>
          <dd>{texts.dateTime(tracked.receivedAt)}</dd>
          <dt>{t('updatedAt')}</dt>
          <dd>{texts.dateTime(tracked.updatedAt)}</dd>
        </dl>
      )}
    </section>
  );
}
