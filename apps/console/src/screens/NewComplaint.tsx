import { FormEvent, useEffect, useState } from 'react';
import type { Api } from '../api';
import { Field, Link, PhotoField, Problem } from '../components';
import { useTexts } from '../i18n';
import type { Session } from '../session';
import type { Category, Channel, Kelurahan, Page, TicketDetail } from '../types';

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

/** An operator enters a complaint that came by their channel, with the reporter's photos. */
export function NewComplaint({ api, session }: { api: Api; session: Session }) {
  const texts = useTexts();
  const { t } = texts;
  const [channels, setChannels] = useState<Channel[]>([]);
  const [categories, setCategories] = useState<Category[]>([]);
  const [kelurahan, setKelurahan] = useState<Kelurahan[]>([]);
  const [form, setForm] = useState<Record<string, string>>({});
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<TicketDetail>();

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

  const set = (key: string) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));
  const value = (key: string) => form[key] ?? '';
  const details = CHANNEL_DETAILS[value('channel')] ?? [];

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
        details: Object.fromEntries(details.filter(given).map((key) => [key, value(key).trim()])),
      });
      // The complaint is kept even when its photos are refused: the form is cleared so that it
      // is not sent twice, and the photos can be added on the ticket's page.
      setSaved(ticket);
      setForm({});
      setFiles([]);
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
          <Field key={key} label={texts.detail(key)} id={`detail-${key}`}>
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
        <PhotoField id="photos" onChange={setFiles} />
        <Problem error={error} />
        <button type="submit" disabled={busy}>
          {busy ? t('submitting') : t('submit')}
        </button>
      </form>
    </section>
  );
}
