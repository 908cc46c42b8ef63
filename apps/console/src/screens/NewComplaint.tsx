import { FormEvent, useEffect, useMemo, useState } from 'react';
import { ApiProblem, type Api } from '../api';
import { DraftNotice, Field, Link, PhotoField, Problem } from '../components';
import { useTexts } from '../i18n';
import { loadDraft, saveDraft, type Session } from '../session';
import type { Category, Channel, Kelurahan, Page, Ref, TicketDetail } from '../types';
import { PlacePicker } from './PlacePicker';

/** What each channel knows of a complaint (docs/api.md, "An operator's body"). */
const CHANNEL_DETAILS: Record<string, string[]> = {
  twitter: ['handle', 'postUrl'],
  facebook: ['handle', 'postUrl'],
  'gubernur-sosmed': ['handle', 'postUrl'],
  email: ['fromAddress', 'subject'],
  sms: ['senderNumber'],
  'kantor-walikota': ['receivingOffice'],
  'kantor-camat': ['receivingOffice'],
  'kantor-lurah': ['receivingOffice'],
  'media-massa': ['mediaOutlet', 'articleUrl'],
  'lapor-1708': ['laporTrackingId'],
};

/** A point placed in its kelurahan (GET /api/v1/regions/locate). */
interface Place {
  lat: number;
  lon: number;
  kelurahan: Ref;
  kecamatan: Ref;
  method: 'contains' | 'nearest';
  distanceMeters: number;
}

/** What the address text names (GET /api/v1/regions/match). */
interface AddressMatch {
  kelurahan: Ref | null;
  candidates: Kelurahan[];
}

/** What a reload keeps of the form: photos cannot be kept, only that some were chosen. */
interface ComplaintDraft {
  form: Record<string, string>;
  place?: Place;
  hadPhotos?: boolean;
}

/** "-6.1754, 106.8272" (or with a space only), as a reporter's map link gives it. */
function parsePoint(text: string): { lat: number; lon: number } | undefined {
  const found = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,;\s]\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(text);
  return found ? { lat: Number(found[1]), lon: Number(found[2]) } : undefined;
}

/** An operator enters a complaint that came by their channel, with the reporter's photos. */
export function NewComplaint({ api, session }: { api: Api; session: Session }) {
  const texts = useTexts();
  const { t } = texts;
  const [channels, setChannels] = useState<Channel[]>([]);
  const [categories, setCategories] = useState<Category[]>([]);
  const [kelurahan, setKelurahan] = useState<Kelurahan[]>([]);
  const restored = useMemo(() => loadDraft<ComplaintDraft>(session, 'complaint'), [session]);
  const [form, setForm] = useState<Record<string, string>>(restored?.form ?? {});
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<TicketDetail>();
  const [pointText, setPointText] = useState(
    restored?.place ? `${restored.place.lat}, ${restored.place.lon}` : '',
  );
  const [place, setPlace] = useState<Place | undefined>(restored?.place);
  const [draftShown, setDraftShown] = useState(restored !== undefined);
  const [placeError, setPlaceError] = useState<unknown>();
  const [mapOpen, setMapOpen] = useState(false);
  const [match, setMatch] = useState<AddressMatch>();

  useEffect(() => {
    Promise.all([
      api.get<Page<Channel>>('/api/v1/channels'),
      api.get<Page<Category>>('/api/v1/categories'),
      api.get<Page<Kelurahan>>('/api/v1/regions/kelurahan'),
    ]).then(([c, k, l]) => {
      const allowed = session.channels?.length ? new Set(session.channels) : undefined;
      setChannels(
        c.data.filter(
          (ch) => ch.active && ch.code !== 'jaki' && (!allowed || allowed.has(ch.code)),
        ),
      );
      setCategories(k.data);
      setKelurahan([...l.data].sort((a, b) => a.name.localeCompare(b.name)));
    }, setError);
  }, [api, session]);

  // The file input keeps its own list of files; a new key empties it with the form.
  const [photoField, setPhotoField] = useState(0);

  useEffect(() => {
    const filled = Object.values(form).some((entry) => entry.trim() !== '');
    saveDraft<ComplaintDraft>(
      session,
      'complaint',
      filled || place ? { form, place, hadPhotos: files.length > 0 } : undefined,
    );
  }, [session, form, place, files]);

  const set = (key: string) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));
  const value = (key: string) => form[key] ?? '';
  const details = CHANNEL_DETAILS[value('channel')] ?? [];
  const address = value('address').trim();
  const chooseKelurahan = (code: string) => setForm((current) => ({ ...current, kelurahan: code }));

  // The kelurahan the address names, asked once the operator pauses typing.
  useEffect(() => {
    if (address.length < 3) {
      setMatch(undefined);
      return;
    }
    const timer = setTimeout(() => {
      api
        .get<AddressMatch>(`/api/v1/regions/match?address=${encodeURIComponent(address)}`)
        .then(setMatch, () => setMatch(undefined));
    }, 400);
    return () => clearTimeout(timer);
  }, [api, address]);

  /** Places a point in its kelurahan and chooses that kelurahan; outside Jakarta says so. */
  const locate = async (lat: number, lon: number) => {
    setPlaceError(undefined);
    setPointText(`${lat}, ${lon}`);
    try {
      const found = await api.get<Omit<Place, 'lat' | 'lon'>>(
        `/api/v1/regions/locate?lat=${lat}&lon=${lon}`,
      );
      setPlace({ ...found, lat, lon });
      chooseKelurahan(found.kelurahan.code);
    } catch (refusal) {
      setPlace(undefined);
      setPlaceError(refusal);
    }
  };
  const findTyped = () => {
    const typed = parsePoint(pointText);
    if (typed) void locate(typed.lat, typed.lon);
    else {
      setPlace(undefined);
      setPlaceError(new ApiProblem(400, 'POINT', t('pointInvalid')));
    }
  };

  const clearForm = () => {
    setForm({});
    setFiles([]);
    setPlace(undefined);
    setPointText('');
    setMapOpen(false);
    setDraftShown(false);
    setPhotoField((key) => key + 1);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const given = (key: string) => value(key).trim() || undefined;
    try {
      const ticket = await api.post<TicketDetail>('/api/v1/complaints', {
        channel: value('channel'),
        reporter: {
          name: value('reporterName').trim(),
          phone: given('reporterPhone'),
          email: given('reporterEmail'),
          nik: given('reporterNik'),
        },
        description: value('description').trim(),
        category: given('category'),
        address: given('address'),
        kelurahanCode: given('kelurahan'),
        location: place ? { lat: place.lat, lon: place.lon } : undefined,
        details: Object.fromEntries(details.filter(given).map((key) => [key, value(key).trim()])),
      });
      // The complaint is kept even when its photos are refused: the form is cleared so that it
      // is not sent twice, and the photos can be added on the ticket's page.
      setSaved(ticket);
      clearForm();
      if (files.length) await api.attach(ticket.id, 'report', files);
    } catch (refusal) {
      setError(refusal);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <h1>{t('newComplaintTitle')}</h1>
      {saved && (
        <div className="success" role="status">
          <p>
            {t('complaintSaved')} <strong>{saved.trackingNumber}</strong>.{' '}
            <Link to={`/tiket/${saved.id}`}>{t('openTicket')}</Link>
          </p>
        </div>
      )}
      {draftShown && <DraftNotice onClear={clearForm} photos={restored?.hadPhotos} />}
      <form onSubmit={submit} className="card">
        <Field label={t('channel')} id="channel">
          <select id="channel" required value={value('channel')} onChange={set('channel')}>
            <option value="">{t('choose')}</option>
            {channels.map((channel) => (
              <option key={channel.code} value={channel.code}>
                {channel.name}
              </option>
            ))}
          </select>
        </Field>
        {details.map((key) => (
          <Field key={key} label={texts.term(key)} id={`detail-${key}`}>
            <input id={`detail-${key}`} value={value(key)} onChange={set(key)} />
          </Field>
        ))}
        <Field label={t('reporterName')} id="reporterName">
          <input
            id="reporterName"
            required
            maxLength={200}
            value={value('reporterName')}
            onChange={set('reporterName')}
          />
        </Field>
        <div className="row">
          <Field label={t('reporterPhone')} id="reporterPhone">
            <input
              id="reporterPhone"
              type="tel"
              value={value('reporterPhone')}
              onChange={set('reporterPhone')}
            />
          </Field>
          <Field label={t('reporterEmail')} id="reporterEmail">
            <input
              id="reporterEmail"
              type="email"
              value={value('reporterEmail')}
              onChange={set('reporterEmail')}
            />
          </Field>
        </div>
        <Field label={t('reporterNik')} id="reporterNik" hint={t('reporterNikHint')}>
          <input
            id="reporterNik"
            inputMode="numeric"
            pattern="[0-9]{16}"
            maxLength={16}
            aria-describedby="reporterNik-hint"
            value={value('reporterNik')}
            onChange={set('reporterNik')}
          />
        </Field>
        <Field label={t('description')} id="description">
          <textarea
            id="description"
            required
            maxLength={4000}
            rows={5}
            value={value('description')}
            onChange={set('description')}
          />
        </Field>
        <Field label={t('category')} id="category">
          <select id="category" value={value('category')} onChange={set('category')}>
            <option value="">{t('none')}</option>
            {categories.map((category) => (
              <option key={category.code} value={category.code}>
                {category.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('address')} id="address">
          <input id="address" maxLength={500} value={value('address')} onChange={set('address')} />
        </Field>
        <div aria-live="polite" className="suggestion">
          {match?.kelurahan && match.kelurahan.code !== value('kelurahan') && (
            <p>
              {t('addressSuggests')}: <strong>{match.kelurahan.name}</strong>{' '}
              <button
                type="button"
                className="link"
                onClick={() => chooseKelurahan(match.kelurahan!.code)}
              >
                {t('use')} {match.kelurahan.name}
              </button>
            </p>
          )}
          {match && match.candidates.length > 0 && (
            <p>
              {t('addressCouldMean')}:{' '}
              {match.candidates.map((k) => (
                <button
                  key={k.code}
                  type="button"
                  className="link candidate"
                  onClick={() => chooseKelurahan(k.code)}
                >
                  {k.name} ({t('kecamatanShort')} {k.kecamatan.name})
                </button>
              ))}
            </p>
          )}
        </div>
        <Field label={t('point')} id="point" hint={t('pointHint')}>
          <div className="inline">
            <input
              id="point"
              inputMode="decimal"
              aria-describedby="point-hint"
              value={pointText}
              onChange={(e) => setPointText(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  findTyped();
                }
              }}
            />
            <button type="button" className="secondary" onClick={findTyped}>
              {t('findPoint')}
            </button>
            <button
              type="button"
              className="secondary"
              aria-expanded={mapOpen}
              onClick={() => setMapOpen(!mapOpen)}
            >
              {mapOpen ? t('closeMap') : t('pickOnMap')}
            </button>
          </div>
        </Field>
        {mapOpen && <PlacePicker api={api} point={place} onPick={locate} />}
        <Problem error={placeError} />
        {place && (
          <p role="status">
            {t('pointIn')} <strong>{place.kelurahan.name}</strong> ({t('kecamatanShort')}{' '}
            {place.kecamatan.name})
            {place.method === 'nearest' &&
              ` — ${t('nearestBoundary')} ${Math.round(place.distanceMeters)} m`}{' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                setPlace(undefined);
                setPointText('');
              }}
            >
              {t('removePoint')}
            </button>
          </p>
        )}
        <Field label={t('kelurahan')} id="kelurahan">
          <select id="kelurahan" value={value('kelurahan')} onChange={set('kelurahan')}>
            <option value="">{t('none')}</option>
            {kelurahan.map((k) => (
              <option key={k.code} value={k.code}>
                {k.name} — {k.kecamatan.name}
              </option>
            ))}
          </select>
        </Field>
        <PhotoField key={photoField} id="photos" onChange={setFiles} />
        <Problem error={error} />
        <button type="submit" disabled={busy}>
          {busy ? t('submitting') : t('submit')}
        </button>
      </form>
    </section>
  );
}
