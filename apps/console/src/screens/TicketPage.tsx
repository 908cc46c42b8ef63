import { FormEvent, useCallback, useEffect, useState } from 'react';
import { ApiProblem, type Api } from '../api';
import { Field, PhotoField, Problem, StatusBadge, WordsField } from '../components';
import { useTexts } from '../i18n';
import type { Session } from '../session';
import type { Attachment, TicketDetail } from '../types';
import { NotInDatabase } from './NotInDatabase';
import { RejectComplaint } from './RejectComplaint';
import { Reveal } from './Reveal';

/** A thumbnail fetched with the token (an <img> cannot send it), or the file's name for a PDF. */
function AttachmentView({ api, attachment }: { api: Api; attachment: Attachment }) {
  const texts = useTexts();
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    if (!attachment.thumbnailUrl) return;
    let url: string | undefined;
    api.objectUrl(attachment.thumbnailUrl).then(
      (made) => setSrc((url = made)),
      () => undefined,
    );
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [api, attachment.thumbnailUrl]);
  return (
    <figure className="attachment">
      {src ? (
        <img
          src={src}
          alt={`${texts.t(attachment.kind === 'report' ? 'reportPhotos' : 'evidencePhotos')}, ${texts.dateTime(attachment.createdAt)}`}
        />
      ) : (
        <span>{attachment.contentType}</span>
      )}
      <figcaption>{texts.dateTime(attachment.createdAt)}</figcaption>
    </figure>
  );
}

/** Each stage's deadline: those decided (met or late), then the one running now. */
function Deadlines({ ticket }: { ticket: TicketDetail }) {
  const texts = useTexts();
  const { t, term } = texts;
  const open = !['selesai', 'ditolak'].includes(ticket.status);
  const paused = open && !ticket.dueAt && ticket.history.some((e) => e.type === 'registry-check');
  return (
    <>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('deadlines')}>
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t('stage')}</th>
              <th scope="col">{t('dueAt')}</th>
              <th scope="col">{t('result')}</th>
            </tr>
          </thead>
          <tbody>
            {ticket.deadlines.map((deadline) => (
              <tr key={`${deadline.clock}-${deadline.dueAt}`}>
                <th scope="row">
                  {term(deadline.clock)}
                  <br />
                  <small>{deadline.unit}</small>
                </th>
                <td>{texts.dateTime(deadline.dueAt)}</td>
                <td>
                  {deadline.met ? t('met') : <strong className="late">{t('missed')}</strong>}
                  <br />
                  <small>
                    {t('decidedAt')} {texts.dateTime(deadline.decidedAt)}
                  </small>
                </td>
              </tr>
            ))}
            {open && ticket.slaClock && ticket.dueAt && (
              <tr>
                <th scope="row">
                  {term(ticket.slaClock)}
                  <br />
                  <small>
                    {/* Diskominfo forwards and validates; every other stage is the holder's. */}
                    {ticket.slaClock === 'forward' || ticket.slaClock === 'validate'
                      ? 'diskominfo'
                      : ticket.assignedUnit?.code}
                  </small>
                </th>
                <td>{texts.dateTime(ticket.dueAt)}</td>
                <td>
                  {ticket.overdue ? <strong className="late">{t('overdue')}</strong> : t('running')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {paused && <p className="hint">{t('paused')}</p>}
      {ticket.resolutionDueAt && open && (
        <p className="hint">
          {t('resolutionDue')}: {texts.dateTime(ticket.resolutionDueAt)}
        </p>
      )}
    </>
  );
}

/** One ticket: its facts, deadlines, timeline and attachments, and the steps the reader may take. */
export function TicketPage({ api, session, id }: { api: Api; session: Session; id: string }) {
  const texts = useTexts();
  const { t } = texts;
  const [ticket, setTicket] = useState<TicketDetail>();
  const [etag, setEtag] = useState('');
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [decisionNote, setDecisionNote] = useState('');
  const [internalNote, setInternalNote] = useState('');
  const [toUnit, setToUnit] = useState('');
  const [reason, setReason] = useState('');

  const load = useCallback(() => {
    setError(undefined);
    api.getVersioned<TicketDetail>(`/api/v1/complaints/${id}`).then(({ body, etag: version }) => {
      setTicket(body);
      setEtag(version);
    }, setError);
  }, [api, id]);
  useEffect(load, [load]);

  /** Runs a step; a 409 on a stale version says what to do, and any answer reloads the ticket. */
  const step = async (run: () => Promise<unknown>, event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      await run();
      setNotice(t('done'));
      load();
      return true;
    } catch (refusal) {
      setError(refusal);
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (!ticket) {
    return (
      <section>
        <Problem error={error} />
        {!error && <p>{t('loading')}</p>}
      </section>
    );
  }
  const holds = session.role === 'unit' && ticket.assignedUnit?.code === session.unit;
  // Diskominfo forwards from its review; the holding unit re-routes what is not its own.
  const reviews =
    (session.role === 'diskominfo' || holds) &&
    ['menunggu', 'disposisi', 'proses', 'tl_ditolak'].includes(ticket.status);
  const validates =
    (session.role === 'diskominfo' || session.role === 'admin') &&
    ticket.status === 'menunggu_validasi';
  const staff = session.role !== 'operator' && session.role !== 'dashboard';
  const stale = error instanceof ApiProblem && error.code === 'VERSION_CONFLICT';

  const followUp = () =>
    step(async () => {
      const attachmentIds = files.length
        ? (await api.attach(id, 'evidence', files)).map((a) => a.id)
        : [];
      await api.post(`/api/v1/complaints/${id}/follow-ups`, { note: note.trim(), attachmentIds });
      setNote('');
      setFiles([]);
    });

  return (
    <section>
      <h1>
        {t('ticket')} {ticket.trackingNumber} <StatusBadge status={ticket.status} />
      </h1>
      {notice && (
        <p className="success" role="status">
          {notice}
        </p>
      )}
      <Problem error={error} />
      {stale && (
        <div className="problem" role="alert">
          <p>{t('conflict')}</p>
          <button type="button" onClick={load}>
            {t('reload')}
          </button>
        </div>
      )}
      <div className="columns">
        <div>
          <div className="card">
            <dl className="facts">
              <dt>{t('category')}</dt>
              <dd>{ticket.category?.name ?? '—'}</dd>
              <dt>{t('kelurahan')}</dt>
              <dd>{ticket.kelurahan?.name ?? '—'}</dd>
              <dt>{t('address')}</dt>
              <dd>{ticket.address ?? '—'}</dd>
              <dt>{t('heldBy')}</dt>
              <dd>
                {ticket.assignedUnit?.name ?? '—'}
                {ticket.assignee && ` · ${ticket.assignee.name}`}
                {holds && ticket.assignee?.sub !== session.sub && (
                  <div>
                    <button
                      type="button"
                      className="link"
                      disabled={busy}
                      onClick={() =>
                        step(() =>
                          api.post(`/api/v1/complaints/${id}/assignee`, {
                            sub: session.sub,
                            name: session.name ?? session.sub,
                          }),
                        )
                      }
                    >
                      {t('takeIt')}
                    </button>
                  </div>
                )}
              </dd>
              <dt>{t('dueAt')}</dt>
              <dd>
                {texts.dateTime(ticket.dueAt)}{' '}
                {ticket.overdue && <strong className="late">{t('overdue')}</strong>}
              </dd>
              <dt>{t('priority')}</dt>
              <dd>{ticket.priority}</dd>
              <dt>{t('reporter')}</dt>
              <dd>
                {[
                  ticket.reporter.name,
                  ticket.reporter.phone,
                  ticket.reporter.email,
                  ticket.reporter.nik && `NIK ${ticket.reporter.nik}`,
                ]
                  .filter(Boolean)
                  .join(' · ') || '—'}
                <br />
                <small className="hint">{t('masked')}</small>
                {session.role === 'diskominfo' && ticket.reporter.phone?.includes('*') && (
                  <div>
                    <Reveal api={api} id={id} field="phone" />
                  </div>
                )}
                {session.role === 'diskominfo' && ticket.reporter.nik && (
                  <div>
                    <Reveal api={api} id={id} field="nik" />
                  </div>
                )}
              </dd>
            </dl>
            <h2>{t('description')}</h2>
            <p className="description">{ticket.description}</p>
            {ticket.attachments.length > 0 && (
              <div className="side-by-side">
                {(['report', 'evidence'] as const).map((kind) => (
                  <div key={kind}>
                    <h2>{kind === 'report' ? t('reportPhotos') : t('evidencePhotos')}</h2>
                    <div className="gallery">
                      {ticket.attachments
                        .filter((a) => a.kind === kind)
                        .map((attachment) => (
                          <AttachmentView key={attachment.id} api={api} attachment={attachment} />
                        ))}
                      {!ticket.attachments.some((a) => a.kind === kind) && <p>—</p>}
                    </div>
                  </div>
                ))}
              </div>
            )}
            {ticket.followUps.length > 0 && (
              <>
                <h2>{t('followUps')}</h2>
                {ticket.followUps.map((f) => (
                  <div key={f.id} className="follow-up">
                    <p>
                      {texts.dateTime(f.submittedAt)} — {f.note}
                      {f.decision &&
                        ` (${f.decision}${f.decisionNote ? `: ${f.decisionNote}` : ''})`}
                      {f.attachmentIds.length > 0 &&
                        ` · ${f.attachmentIds.length} ${t('photoCount')}`}
                    </p>
                  </div>
                ))}
              </>
            )}
          </div>
          {(session.role === 'diskominfo' ||
            (session.role === 'operator' &&
              ticket.history.some((event) => event.type === 'registry-check'))) && (
            <NotInDatabase api={api} session={session} ticket={ticket} busy={busy} step={step} />
          )}
        </div>

        <div>
          {reviews && (
            <form
              className="card"
              onSubmit={(e) =>
                step(async () => {
                  await api.post(
                    `/api/v1/complaints/${id}/dispositions`,
                    {
                      toUnit: (toUnit || ticket.suggestedUnit?.code || '').trim(),
                      reason: reason.trim(),
                    },
                    etag,
                  );
                  setReason('');
                }, e)
              }
            >
              <h2>{holds ? t('rerouteTitle') : t('forwardTitle')}</h2>
              {ticket.reviewReason && (
                <p className="hint">
                  {t('reviewReason')}: {ticket.reviewReason}
                </p>
              )}
              <Field
                label={t('toUnit')}
                id="toUnit"
                hint={
                  ticket.suggestedUnit
                    ? `${t('suggested')}: ${ticket.suggestedUnit.code} — ${ticket.suggestedUnit.name}`
                    : undefined
                }
              >
                <input
                  id="toUnit"
                  required
                  value={toUnit || ticket.suggestedUnit?.code || ''}
                  aria-describedby={ticket.suggestedUnit ? 'toUnit-hint' : undefined}
                  onChange={(e) => setToUnit(e.target.value)}
                />
              </Field>
              <Field label={t('reason')} id="reason">
                <textarea
                  id="reason"
                  required
                  rows={2}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
              </Field>
              <button type="submit" disabled={busy}>
                {t('forward')}
              </button>
            </form>
          )}
          {session.role === 'diskominfo' && !['selesai', 'ditolak'].includes(ticket.status) && (
            <RejectComplaint api={api} ticket={ticket} etag={etag} busy={busy} step={step} />
          )}
          {holds && ticket.status === 'disposisi' && (
            <div className="card">
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  step(() => api.post(`/api/v1/complaints/${id}/accept`, undefined, etag))
                }
              >
                {t('accept')}
              </button>
            </div>
          )}
          {holds && (ticket.status === 'proses' || ticket.status === 'tl_ditolak') && (
            <form
              className="card"
              onSubmit={(e) => {
                e.preventDefault();
                void followUp();
              }}
            >
              <h2>{t('followUpTitle')}</h2>
              <WordsField
                label={t('followUpNote')}
                id="followUpNote"
                value={note}
                onChange={setNote}
                minLength={3}
                maxLength={4000}
                rows={4}
              />
              <PhotoField id="evidence" onChange={setFiles} />
              <button type="submit" disabled={busy}>
                {t('submit')}
              </button>
            </form>
          )}
          {validates && (
            <div className="card">
              <h2>{t('validateTitle')}</h2>
              <Field label={t('decisionNote')} id="decisionNote">
                <textarea
                  id="decisionNote"
                  rows={3}
                  value={decisionNote}
                  onChange={(e) => setDecisionNote(e.target.value)}
                />
              </Field>
              <div className="actions">
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    step(() =>
                      api.post(
                        `/api/v1/complaints/${id}/validation`,
                        {
                          decision: 'approve',
                          ...(decisionNote.trim() ? { note: decisionNote.trim() } : {}),
                        },
                        etag,
                      ),
                    )
                  }
                >
                  {t('approve')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  onClick={() =>
                    step(() =>
                      api.post(
                        `/api/v1/complaints/${id}/validation`,
                        { decision: 'reject', note: decisionNote.trim() },
                        etag,
                      ),
                    )
                  }
                >
                  {t('reject')}
                </button>
              </div>
            </div>
          )}
          {staff && (
            <form
              className="card"
              onSubmit={(e) =>
                step(async () => {
                  await api.post(`/api/v1/complaints/${id}/notes`, { text: internalNote.trim() });
                  setInternalNote('');
                }, e)
              }
            >
              <h2>{t('notes')}</h2>
              <ul className="plain">
                {ticket.notes.map((n) => (
                  <li key={n.id}>
                    <small>
                      {texts.dateTime(n.at)} · {n.by}
                    </small>
                    <br />
                    {n.text}
                  </li>
                ))}
              </ul>
              <WordsField
                label={t('addNote')}
                id="internalNote"
                value={internalNote}
                onChange={setInternalNote}
                minLength={2}
                maxLength={4000}
                rows={2}
              />
              <button type="submit" disabled={busy}>
                {t('addNote')}
              </button>
            </form>
          )}
          <div className="card">
            <h2>{t('deadlines')}</h2>
            <Deadlines ticket={ticket} />
          </div>
          <div className="card">
            <h2>{t('history')}</h2>
            <ol className="timeline">
              {ticket.history.map((event) => (
                <li key={event.id}>
                  <small>{texts.dateTime(event.at)}</small> — {texts.event(event.type)} →{' '}
                  {texts.status(event.toStatus)}
                  {event.reason && <> ({event.reason})</>}{' '}
                  <small className="hint">
                    {t('by')} {event.actor}
                  </small>
                </li>
              ))}
            </ol>
          </div>
        </div>
      </div>
    </section>
  );
}
