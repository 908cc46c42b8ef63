import { FormEvent, useCallback, useEffect, useState } from 'react';
import type { Api } from '../api';
import { CodeOptions, Field, Link, Problem, useAction, WordsField } from '../components';
import { useTexts } from '../i18n';
import type { Session } from '../session';
import type { Kelurahan, Page, PrelistEntry } from '../types';
import { Reveal } from './Reveal';

const STATUSES = [
  'menunggu_verifikasi',
  'diverifikasi',
  'layak',
  'tidak_layak',
  'dikirim',
  'ditetapkan',
];
const RESULTS = ['ditemukan', 'meninggal', 'pindah', 'tidak_ditemukan'];

/** A verifier's result for one household, with the members whose own result differs. */
function VerificationForm({
  api,
  entry,
  onSaved,
}: {
  api: Api;
  entry: PrelistEntry;
  onSaved: () => void;
}) {
  const { t } = useTexts();
  const [result, setResult] = useState('ditemukan');
  const [memberResults, setMemberResults] = useState<Record<number, string>>({});
  const [correctedNik, setCorrectedNik] = useState('');
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  const id = (name: string) => `${name}-${entry.id}`;

  const submit = (event: FormEvent) =>
    run(async () => {
      await api.post(`/api/v1/prelist/${entry.id}/verifications`, {
        result,
        members: Object.entries(memberResults)
          .filter(([, own]) => own)
          .map(([member, own]) => ({ member: Number(member), result: own })),
        ...(correctedNik.trim() ? { correctedNik: correctedNik.trim() } : {}),
        note: note.trim(),
      });
      onSaved();
    }, event);

  return (
    <form onSubmit={submit}>
      <h3>{entry.muskel ? t('reverifyTitle') : t('verifyTitle')}</h3>
      <Field label={t('householdResult')} id={id('result')}>
        <select id={id('result')} value={result} onChange={(e) => setResult(e.target.value)}>
          <CodeOptions codes={RESULTS} />
        </select>
      </Field>
      {entry.members.length > 1 &&
        entry.members.map((member, index) => (
          <Field
            key={index}
            label={`${t('memberResult')} ${member.name}`}
            id={id(`member-${index}`)}
          >
            <select
              id={id(`member-${index}`)}
              value={memberResults[index] ?? ''}
              onChange={(e) => setMemberResults((all) => ({ ...all, [index]: e.target.value }))}
            >
              <option value="">{t('sameAsHousehold')}</option>
              <CodeOptions codes={RESULTS} />
            </select>
          </Field>
        ))}
      <Field label={t('correctedNik')} id={id('correctedNik')}>
        <input
          id={id('correctedNik')}
          inputMode="numeric"
          pattern="[0-9]{16}"
          value={correctedNik}
          onChange={(e) => setCorrectedNik(e.target.value)}
        />
      </Field>
      <WordsField label={t('note')} id={id('note')} value={note} onChange={setNote} />
      <Problem error={error} />
      <button type="submit" disabled={busy}>
        {t('submit')}
      </button>
    </form>
  );
}

/** The Musyawarah Kelurahan's decision on a verified household (kelurahan staff, Diskominfo). */
function MuskelForm({
  api,
  entry,
  onSaved,
}: {
  api: Api;
  entry: PrelistEntry;
  onSaved: () => void;
}) {
  const { t } = useTexts();
  const [eligible, setEligible] = useState<boolean>();
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  const id = (name: string) => `${name}-${entry.id}`;

  const submit = (event: FormEvent) =>
    run(async () => {
      await api.post(`/api/v1/prelist/${entry.id}/muskel`, { eligible, note: note.trim() });
      onSaved();
    }, event);

  return (
    <form onSubmit={submit}>
      <fieldset>
        <legend>{t('muskelTitle')}</legend>
        {[true, false].map((value) => (
          <label key={String(value)} className="check">
            <input
              type="radio"
              name={id('eligible')}
              required
              checked={eligible === value}
              onChange={() => setEligible(value)}
            />{' '}
            {value ? t('eligible') : t('notEligible')}
          </label>
        ))}
      </fieldset>
      <WordsField label={t('note')} id={id('muskelNote')} value={note} onChange={setNote} />
      <Problem error={error} />
      <button type="submit" disabled={busy}>
        {t('submit')}
      </button>
    </form>
  );
}

/**
 * The prelist for field verification: a verifier's tasks for its agency (and the Musyawarah's
 * results to verify again), a kelurahan's households for its Musyawarah, every household for
 * Diskominfo. Emergencies first, as the API orders them.
 */
export function Prelist({ api, session }: { api: Api; session: Session }) {
  const texts = useTexts();
  const { t, term } = texts;
  const [status, setStatus] = useState('');
  const [entries, setEntries] = useState<Page<PrelistEntry>>();
  const [names, setNames] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);

  const load = useCallback(() => {
    setError(undefined);
    api
      .get<Page<PrelistEntry>>(`/api/v1/prelist?limit=50${status ? `&status=${status}` : ''}`)
      .then(setEntries, setError);
  }, [api, status]);
  useEffect(load, [load]);
  useEffect(() => {
    api.get<Page<Kelurahan>>('/api/v1/regions/kelurahan').then(
      (page) => setNames(Object.fromEntries(page.data.map((k) => [k.code, k.name]))),
      () => undefined,
    );
  }, [api]);

  const saveAndReload = () => {
    setSaved(true);
    load();
  };
  const hint =
    session.role === 'verifier'
      ? t('prelistHintVerifier')
      : session.role === 'unit'
        ? t('prelistHintUnit')
        : t('prelistHintDiskominfo');
  // A verifier's own agency's result, until it is given; then again after the Musyawarah, until
  // the entry is sent (docs/registry.md).
  const verifies = (entry: PrelistEntry) =>
    session.role === 'verifier' &&
    ((['menunggu_verifikasi', 'diverifikasi'].includes(entry.status) &&
      !entry.verifications[session.unit]) ||
      entry.reverificationDue);
  const deliberates = (entry: PrelistEntry) =>
    entry.status === 'diverifikasi' &&
    (session.role === 'diskominfo' ||
      (session.role === 'unit' && session.unit === entry.kelurahanCode));

  return (
    <section>
      <h1>{t('prelistTitle')}</h1>
      <p className="hint">{hint}</p>
      <div className="filters">
        <Field label={t('status')} id="prelistStatus">
          <select id="prelistStatus" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('allStatuses')}</option>
            <CodeOptions codes={STATUSES} />
          </select>
        </Field>
      </div>
      {saved && (
        <p className="success" role="status">
          {t('done')}
        </p>
      )}
      <Problem error={error} />
      {!entries && !error && <p>{t('loading')}</p>}
      {entries && (
        <p>
          {entries.meta.total} {t('entriesCount')}
        </p>
      )}
      {entries?.data.length === 0 && <p>{t('noEntries')}</p>}
      {entries?.data.map((entry) => (
        <article key={entry.id} className="card entry" aria-labelledby={`entry-${entry.id}`}>
          <h2 id={`entry-${entry.id}`}>
            {t('household')} {entry.members[0]?.name ?? '—'} ·{' '}
            {names[entry.kelurahanCode] ?? entry.kelurahanCode}{' '}
            <span className={`badge prelist-${entry.status}`}>{term(entry.status)}</span>
            {entry.emergency && <strong className="late"> {t('emergency')}</strong>}
          </h2>
          <dl className="facts">
            <dt>{t('dueAt')}</dt>
            <dd>
              {texts.dateTime(entry.dueAt)}{' '}
              {entry.overdue && <strong className="late">{t('overdue')}</strong>}
            </dd>
            <dt>{t('receivedAt')}</dt>
            <dd>
              {texts.dateTime(entry.createdAt)}
              {entry.complaintIds.map((complaintId) =>
                session.role === 'verifier' ? null : (
                  <span key={complaintId}>
                    {' · '}
                    <Link to={`/tiket/${complaintId}`}>{t('ticket')}</Link>
                  </span>
                ),
              )}
            </dd>
            <dt>{t('verifications')}</dt>
            <dd>
              {Object.entries(entry.verifications).map(([agency, verification]) => (
                <div key={agency}>
                  {term(agency)}:{' '}
                  {verification
                    ? `${term(verification.result)} · ${texts.dateTime(verification.at)} — ${verification.note}`
                    : t('stepWaiting')}
                </div>
              ))}
            </dd>
            <dt>{t('decision')}</dt>
            <dd>
              {entry.muskel
                ? `${entry.muskel.eligible ? t('eligible') : t('notEligible')} · ${texts.dateTime(entry.muskel.at)}${entry.muskel.note ? ` — ${entry.muskel.note}` : ''}`
                : t('stepWaiting')}
            </dd>
          </dl>
          {/* Scrolls sideways on a narrow phone: reachable by keyboard too. */}
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('members')}>
            <table>
              <caption>{t('members')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('name')}</th>
                  <th scope="col">{t('nik')}</th>
                  <th scope="col">{t('relationShort')}</th>
                </tr>
              </thead>
              <tbody>
                {entry.members.map((member, index) => (
                  <tr key={index}>
                    <td>{member.name}</td>
                    <td>{member.withoutNik ? t('withoutNik') : (member.nik ?? '—')}</td>
                    <td>{member.relation}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <small className="hint">{t('masked')}</small>
          {(session.role === 'verifier' || session.role === 'diskominfo') &&
            !entry.members[0]?.withoutNik && (
              <div>
                <Reveal api={api} subject="prelist" id={entry.id} field="nik" />
              </div>
            )}
          {verifies(entry) && <VerificationForm api={api} entry={entry} onSaved={saveAndReload} />}
          {deliberates(entry) && <MuskelForm api={api} entry={entry} onSaved={saveAndReload} />}
        </article>
      ))}
    </section>
  );
}
