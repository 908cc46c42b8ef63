import { FormEvent, useCallback, useEffect, useState } from 'react';
import type { Api } from '../api';
import { Field, Link, Problem, StatusBadge } from '../components';
import { STATUS_CODES, useTexts } from '../i18n';
import type { Page, TicketSummary } from '../types';

const LIMIT = 25;

interface BulkResult {
  results: { id: string; statusCode: number; error?: { message: string } }[];
  done: number;
  refused: number;
}

/**
 * A page of tickets from the list (always within the caller's scope): its fixed query, the
 * reader's search words and status, and — on the validation queue — approval of several at once.
 */
export function TicketList({
  api,
  title,
  hint,
  query,
  statusFilter = true,
  bulkApprove = false,
  review = false,
}: {
  api: Api;
  title: string;
  hint?: string;
  query: string;
  statusFilter?: boolean;
  bulkApprove?: boolean;
  /** The review queue: the suggested unit beside each ticket */
  review?: boolean;
}) {
  const texts = useTexts();
  const { t } = texts;
  const [page, setPage] = useState(1);
  const [words, setWords] = useState('');
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState({ q: '', status: '' });
  const [result, setResult] = useState<Page<TicketSummary>>();
  const [error, setError] = useState<unknown>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [bulk, setBulk] = useState<BulkResult>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    setError(undefined);
    const params = new URLSearchParams(query);
    if (search.q) params.set('q', search.q);
    if (search.status) params.set('status', search.status);
    params.set('page', String(page));
    params.set('limit', String(LIMIT));
    api.get<Page<TicketSummary>>(`/api/v1/complaints?${params}`).then(setResult, setError);
  }, [api, query, search, page]);
  useEffect(load, [load]);

  const find = (event: FormEvent) => {
    event.preventDefault();
    setPage(1);
    setSearch({ q: words.trim(), status });
  };

  const approveChosen = async () => {
    if (!result) return;
    setBusy(true);
    setError(undefined);
    try {
      // Each with the version this list showed: one changed meanwhile is refused alone.
      const items = result.data
        .filter((ticket) => chosen.has(ticket.id))
        .map((ticket) => ({
          id: ticket.id,
          ifMatch: `W/"${ticket.version}"`,
          decision: 'approve',
        }));
      setBulk(await api.post<BulkResult>('/api/v1/validations', { items }));
      setChosen(new Set());
      load();
    } catch (refusal) {
      setError(refusal);
    } finally {
      setBusy(false);
    }
  };

  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const pages = result ? Math.max(1, Math.ceil(result.meta.total / LIMIT)) : 1;
  return (
    <section>
      <h1>{title}</h1>
      {hint && <p className="hint">{hint}</p>}
      <form className="filters" onSubmit={find} role="search">
        <Field label={t('searchWords')} id="q">
          <input id="q" type="search" value={words} onChange={(e) => setWords(e.target.value)} />
        </Field>
        {statusFilter && (
          <Field label={t('status')} id="status">
            <select id="status" value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">{t('allStatuses')}</option>
              {STATUS_CODES.map((code) => (
                <option key={code} value={code}>
                  {texts.status(code)}
                </option>
              ))}
            </select>
          </Field>
        )}
        <button type="submit">{t('search')}</button>
      </form>
      <Problem error={error} />
      {bulk && (
        <div className={bulk.refused ? 'problem' : 'success'} role="status">
          <p>
            {t('bulkDone')}: {bulk.done}. {t('bulkRefused')}: {bulk.refused}.
          </p>
          {bulk.results
            .filter((r) => r.error)
            .map((r) => (
              <p key={r.id}>{r.error!.message}</p>
            ))}
        </div>
      )}
      {!result && !error && <p>{t('loading')}</p>}
      {result && result.data.length === 0 && <p>{t('noTickets')}</p>}
      {result && result.data.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="hint">
              {result.meta.total} {t('ticketsCount')}
            </caption>
            <thead>
              <tr>
                {bulkApprove && (
                  <th scope="col">
                    <span className="visually-hidden">{t('select')}</span>
                  </th>
                )}
                <th scope="col">{t('trackingNumber')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('category')}</th>
                <th scope="col">{t('kelurahan')}</th>
                {review && <th scope="col">{t('suggestedUnit')}</th>}
                <th scope="col">{t('dueAt')}</th>
              </tr>
            </thead>
            <tbody>
              {result.data.map((ticket) => (
                <tr key={ticket.id} className={ticket.overdue ? 'overdue' : undefined}>
                  {bulkApprove && (
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${t('select')} ${ticket.trackingNumber}`}
                        checked={chosen.has(ticket.id)}
                        onChange={() => toggle(ticket.id)}
                      />
                    </td>
                  )}
                  <td>
                    <Link to={`/tiket/${ticket.id}`}>{ticket.trackingNumber}</Link>
                    {ticket.priority !== 'biasa' && (
                      <span className="badge priority"> {ticket.priority}</span>
                    )}
                    {ticket.possibleDuplicates.length > 0 && (
                      <span className="badge"> {t('possibleDuplicate')}</span>
                    )}
                  </td>
                  <td>
                    <StatusBadge status={ticket.status} />
                  </td>
                  <td>{ticket.category?.name ?? '—'}</td>
                  <td>{ticket.kelurahan?.name ?? '—'}</td>
                  {review && <td>{ticket.suggestedUnit?.name ?? '—'}</td>}
                  <td>
                    {texts.dateTime(ticket.dueAt)}
                    {ticket.overdue && <strong className="late"> {t('overdue')}</strong>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {bulkApprove && result && result.data.length > 0 && (
        <p>
          <button type="button" disabled={busy || chosen.size === 0} onClick={approveChosen}>
            {t('approveChosen')} ({chosen.size})
          </button>
        </p>
      )}
      {result && pages > 1 && (
        <nav className="pager" aria-label={t('page')}>
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {t('previous')}
          </button>
          <span>
            {t('page')} {page} / {pages}
          </span>
          <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            {t('next')}
          </button>
        </nav>
      )}
    </section>
  );
}
