import { FormEvent, useEffect, useMemo, useState } from 'react';
import type { Api } from '../api';
import { DraftNotice, Field, Link, WordsField } from '../components';
import { useTexts } from '../i18n';
import { loadDraft, saveDraft, type Session } from '../session';
import type { Kelurahan, Page, TicketDetail } from '../types';

/** The acute conditions the application form asks about (docs/api.md: any one is an emergency). */
const CONDITIONS = [
  'no_food_today',
  'losing_shelter',
  'serious_illness_without_care',
  'disability_or_old_age_without_carer',
  'child_at_risk',
  'disaster',
  'violence',
] as const;

interface MemberForm {
  nik: string;
  withoutNik: boolean;
  name: string;
  relation: string;
  sex: string;
  birthDate: string;
  disability: boolean;
}

const blankMember = (relation = ''): MemberForm => ({
  nik: '',
  withoutNik: false,
  name: '',
  relation,
  sex: '',
  birthDate: '',
  disability: false,
});

/** The application form as a reload keeps it (session.ts, drafts). */
interface ApplicationDraft {
  kk: string;
  address: string;
  kelurahanCode: string;
  expenditure: string;
  members: MemberForm[];
  conditions: string[];
}

type Step = (run: () => Promise<unknown>, event?: FormEvent) => Promise<boolean>;

/** The last time the ticket took a step of the path, with what it recorded. */
function lastOf(ticket: TicketDetail, type: string) {
  return [...ticket.history].reverse().find((event) => event.type === type)?.data;
}

/**
 * The path of a poor citizen not yet in P3KE (flow 4): Diskominfo checks the reporter's NIK; when
 * it is not registered, Diskominfo or the operator fills in the application form and the API
 * suggests whether it is an emergency; Diskominfo triages it onto the prelist (and, in an
 * emergency, opens a handling ticket). Each step shows what it recorded once taken.
 */
export function NotInDatabase({
  api,
  session,
  ticket,
  busy,
  step,
}: {
  api: Api;
  session: Session;
  ticket: TicketDetail;
  busy: boolean;
  step: Step;
}) {
  const texts = useTexts();
  const { t, term } = texts;
  const check = lastOf(ticket, 'registry-check');
  const application = lastOf(ticket, 'application');
  const triage = lastOf(ticket, 'triage');
  const suggestion = application?.suggestion as
    { emergency: boolean; povertyLevel: string; perCapitaExpenditure: number } | undefined;
  const reviewer = session.role === 'diskominfo';
  const open = !['selesai', 'ditolak'].includes(ticket.status);
  const applies = open && !triage && check?.result === 'not_registered';

  // The registry check
  const [nik, setNik] = useState('');
  const [withoutNik, setWithoutNik] = useState(false);
  // The application form, as a reload left it if it did
  const draftName = `application:${ticket.id}`;
  const restored = useMemo(
    () => loadDraft<ApplicationDraft>(session, draftName),
    [session, draftName],
  );
  const [kelurahan, setKelurahan] = useState<Kelurahan[]>([]);
  // An operator reads the address masked: only Diskominfo's copy is worth starting from.
  const startingAddress = reviewer ? (ticket.address ?? '') : '';
  const startingKelurahan = ticket.kelurahan?.code ?? '';
  const [kk, setKk] = useState(restored?.kk ?? '');
  const [address, setAddress] = useState(restored?.address ?? startingAddress);
  const [kelurahanCode, setKelurahanCode] = useState(restored?.kelurahanCode ?? startingKelurahan);
  const [expenditure, setExpenditure] = useState(restored?.expenditure ?? '');
  const [members, setMembers] = useState<MemberForm[]>(
    restored?.members ?? [blankMember('Kepala Keluarga')],
  );
  const [conditions, setConditions] = useState<string[]>(restored?.conditions ?? []);
  const [draftShown, setDraftShown] = useState(restored !== undefined);
  // The triage
  const [emergency, setEmergency] = useState<boolean>();
  const [handlingUnit, setHandlingUnit] = useState('dinsos');
  const [reason, setReason] = useState('');

  useEffect(() => {
    if (!applies) return;
    api
      .get<Page<Kelurahan>>('/api/v1/regions/kelurahan')
      .then((page) => setKelurahan([...page.data].sort((a, b) => a.name.localeCompare(b.name))))
      .catch(() => undefined);
  }, [api, applies]);

  // Kept while it is being filled in; gone once the application is recorded.
  const filled =
    kk.trim() !== '' ||
    expenditure.trim() !== '' ||
    conditions.length > 0 ||
    members.some((member) => member.name.trim() !== '' || member.nik.trim() !== '');
  useEffect(() => {
    saveDraft<ApplicationDraft>(
      session,
      draftName,
      applies && !suggestion && filled
        ? { kk, address, kelurahanCode, expenditure, members, conditions }
        : undefined,
    );
  }, [
    session,
    draftName,
    applies,
    suggestion,
    filled,
    kk,
    address,
    kelurahanCode,
    expenditure,
    members,
    conditions,
  ]);
  const clearApplication = () => {
    setKk('');
    setAddress(startingAddress);
    setKelurahanCode(startingKelurahan);
    setExpenditure('');
    setMembers([blankMember('Kepala Keluarga')]);
    setConditions([]);
    setDraftShown(false);
  };

  const setMember = (index: number, change: Partial<MemberForm>) =>
    setMembers((all) => all.map((m, i) => (i === index ? { ...m, ...change } : m)));
  const triageEmergency = emergency ?? suggestion?.emergency ?? false;
  const rupiah = (value: number) =>
    new Intl.NumberFormat(texts.language === 'id' ? 'id-ID' : 'en-GB', {
      style: 'currency',
      currency: 'IDR',
      maximumFractionDigits: 0,
    }).format(value);

  // Folded away on other complaints, where Diskominfo seldom needs it.
  const unfolded = Boolean(check) || ticket.category?.code === 'belum-terdata';
  return (
    <details className="card" open={unfolded}>
      <summary>
        <h2>{t('notInDatabaseTitle')}</h2>
      </summary>
      <p className="hint">{t('notInDatabaseHint')}</p>
      <ol className="path">
        <li>
          <strong>{t('registryCheck')}</strong>:{' '}
          {check
            ? `${term(String(check.result))}${check.nik ? ` (NIK ${String(check.nik)})` : check.withoutNik ? ` (${t('withoutNik')})` : ''}`
            : t('stepWaiting')}
        </li>
        <li>
          <strong>{t('applicationTitle')}</strong>:{' '}
          {suggestion
            ? `${t('suggestion')}: ${term(suggestion.povertyLevel)}, ${suggestion.emergency ? t('emergency') : t('notEmergency')}; ${t('perCapita')} ${rupiah(suggestion.perCapitaExpenditure)}`
            : t('stepWaiting')}
        </li>
        <li>
          <strong>{t('triageTitle')}</strong>:{' '}
          {triage ? (
            <>
              {t('triageDone')} · {triage.emergency ? t('emergency') : t('notEmergency')}
              {typeof triage.childTicketId === 'string' && (
                <>
                  {' · '}
                  <Link to={`/tiket/${triage.childTicketId}`}>{t('childTicket')}</Link>
                </>
              )}
            </>
          ) : (
            t('stepWaiting')
          )}
        </li>
      </ol>

      {reviewer && open && !check && (
        <form
          onSubmit={(e) =>
            step(
              () =>
                api.post(
                  `/api/v1/complaints/${ticket.id}/registry-check`,
                  withoutNik ? { withoutNik: true } : { nik: nik.trim() },
                ),
              e,
            )
          }
        >
          <h3>{t('registryCheck')}</h3>
          <Field label={t('nik')} id="registryNik" hint={t('reporterNikHint')}>
            <input
              id="registryNik"
              inputMode="numeric"
              pattern="[0-9]{16}"
              required={!withoutNik}
              disabled={withoutNik}
              value={nik}
              aria-describedby="registryNik-hint"
              onChange={(e) => setNik(e.target.value)}
            />
          </Field>
          <label className="check">
            <input
              type="checkbox"
              checked={withoutNik}
              onChange={(e) => setWithoutNik(e.target.checked)}
            />{' '}
            {t('withoutNik')}
          </label>
          <button type="submit" disabled={busy}>
            {t('registryCheckButton')}
          </button>
        </form>
      )}

      {applies && !suggestion && (reviewer || session.role === 'operator') && (
        <form
          onSubmit={(e) =>
            step(
              () =>
                api.post(`/api/v1/complaints/${ticket.id}/application`, {
                  ...(kk.trim() ? { kk: kk.trim() } : {}),
                  address: address.trim(),
                  kelurahanCode,
                  monthlyExpenditure: Number(expenditure),
                  members: members.map((m) => ({
                    ...(m.withoutNik ? { withoutNik: true } : { nik: m.nik.trim() }),
                    name: m.name.trim(),
                    relation: m.relation.trim(),
                    sex: m.sex,
                    birthDate: m.birthDate,
                    ...(m.disability ? { disability: true } : {}),
                  })),
                  conditions,
                }),
              e,
            )
          }
        >
          <h3>{t('applicationTitle')}</h3>
          {draftShown && <DraftNotice onClear={clearApplication} />}
          <Field label={t('kk')} id="kk" hint={t('kkHint')}>
            <input
              id="kk"
              inputMode="numeric"
              pattern="[0-9]{16}"
              value={kk}
              aria-describedby="kk-hint"
              onChange={(e) => setKk(e.target.value)}
            />
          </Field>
          <Field label={t('address')} id="applicationAddress">
            <input
              id="applicationAddress"
              required
              minLength={5}
              maxLength={500}
              value={address}
              onChange={(e) => setAddress(e.target.value)}
            />
          </Field>
          <Field label={t('kelurahan')} id="applicationKelurahan">
            <select
              id="applicationKelurahan"
              required
              value={kelurahanCode}
              onChange={(e) => setKelurahanCode(e.target.value)}
            >
              <option value="">{t('choose')}</option>
              {kelurahan.map((k) => (
                <option key={k.code} value={k.code}>
                  {k.name} ({k.kecamatan.name})
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('monthlyExpenditure')} id="expenditure">
            <input
              id="expenditure"
              type="number"
              inputMode="numeric"
              required
              min={0}
              max={1_000_000_000}
              step={1}
              value={expenditure}
              onChange={(e) => setExpenditure(e.target.value)}
            />
          </Field>
          <h4>{t('members')}</h4>
          {members.map((m, i) => (
            <fieldset key={i} className="member">
              <legend>
                {t('member')} {i + 1}
                {i === 0 && ` (${t('head')})`}
              </legend>
              <Field label={t('name')} id={`member-${i}-name`}>
                <input
                  id={`member-${i}-name`}
                  required
                  maxLength={200}
                  value={m.name}
                  onChange={(e) => setMember(i, { name: e.target.value })}
                />
              </Field>
              <Field label={t('nik')} id={`member-${i}-nik`}>
                <input
                  id={`member-${i}-nik`}
                  inputMode="numeric"
                  pattern="[0-9]{16}"
                  required={!m.withoutNik}
                  disabled={m.withoutNik}
                  value={m.nik}
                  onChange={(e) => setMember(i, { nik: e.target.value })}
                />
              </Field>
              <label className="check">
                <input
                  type="checkbox"
                  checked={m.withoutNik}
                  onChange={(e) => setMember(i, { withoutNik: e.target.checked })}
                />{' '}
                {t('withoutNik')}
              </label>
              <Field label={t('relation')} id={`member-${i}-relation`}>
                <input
                  id={`member-${i}-relation`}
                  required
                  minLength={2}
                  maxLength={60}
                  value={m.relation}
                  onChange={(e) => setMember(i, { relation: e.target.value })}
                />
              </Field>
              <Field label={t('sex')} id={`member-${i}-sex`}>
                <select
                  id={`member-${i}-sex`}
                  required
                  value={m.sex}
                  onChange={(e) => setMember(i, { sex: e.target.value })}
                >
                  <option value="">{t('choose')}</option>
                  <option value="L">{t('male')}</option>
                  <option value="P">{t('female')}</option>
                </select>
              </Field>
              <Field label={t('birthDate')} id={`member-${i}-birthDate`}>
                <input
                  id={`member-${i}-birthDate`}
                  type="date"
                  required
                  value={m.birthDate}
                  onChange={(e) => setMember(i, { birthDate: e.target.value })}
                />
              </Field>
              <label className="check">
                <input
                  type="checkbox"
                  checked={m.disability}
                  onChange={(e) => setMember(i, { disability: e.target.checked })}
                />{' '}
                {t('disability')}
              </label>
              {i > 0 && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setMembers((all) => all.filter((_, j) => j !== i))}
                >
                  {t('removeMember')} {i + 1}
                </button>
              )}
            </fieldset>
          ))}
          {members.length < 30 && (
            <button
              type="button"
              className="secondary"
              onClick={() => setMembers((all) => [...all, blankMember()])}
            >
              {t('addMember')}
            </button>
          )}
          <fieldset>
            <legend>{t('conditions')}</legend>
            <p className="hint">{t('conditionsHint')}</p>
            {CONDITIONS.map((code) => (
              <label key={code} className="check">
                <input
                  type="checkbox"
                  checked={conditions.includes(code)}
                  onChange={(e) =>
                    setConditions((all) =>
                      e.target.checked ? [...all, code] : all.filter((c) => c !== code),
                    )
                  }
                />{' '}
                {term(code)}
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={busy}>
            {t('submit')}
          </button>
        </form>
      )}

      {reviewer && applies && suggestion && (
        <form
          onSubmit={(e) =>
            step(
              () =>
                api.post(`/api/v1/complaints/${ticket.id}/triage`, {
                  emergency: triageEmergency,
                  ...(triageEmergency ? { handlingUnit: handlingUnit.trim() } : {}),
                  reason: reason.trim(),
                }),
              e,
            )
          }
        >
          <h3>{t('triageTitle')}</h3>
          <label className="check">
            <input
              type="checkbox"
              checked={triageEmergency}
              onChange={(e) => setEmergency(e.target.checked)}
            />{' '}
            {t('triageEmergency')}
          </label>
          {triageEmergency && (
            <Field label={t('handlingUnit')} id="handlingUnit">
              <input
                id="handlingUnit"
                required
                value={handlingUnit}
                onChange={(e) => setHandlingUnit(e.target.value)}
              />
            </Field>
          )}
          <WordsField label={t('reason')} id="triageReason" value={reason} onChange={setReason} />
          <button type="submit" disabled={busy}>
            {t('triageTitle')}
          </button>
        </form>
      )}
    </details>
  );
}
