import { Bilingual, bilingual } from '@crm/core';

/** The notices the reporter receives, one template each (docs/notifications.md). */
export const REPORTER_NOTICE_KINDS = [
  'acknowledgement',
  'placed',
  'done',
  'rejected',
  'reopened',
  'prelist',
] as const;
export type ReporterNoticeKind = (typeof REPORTER_NOTICE_KINDS)[number];

/**
 * What each template may name. `reporterUrl` is filled in only when the notice is sent, so the
 * reporter's link (which lets its holder dispute and rate) is never stored in a notice's text.
 */
export const PLACEHOLDERS: Record<ReporterNoticeKind, readonly string[]> = {
  acknowledgement: ['trackingNumber', 'trackUrl', 'reporterUrl'],
  placed: ['trackingNumber', 'unit', 'trackUrl', 'reporterUrl'],
  done: ['trackingNumber', 'unit', 'note', 'trackUrl', 'reporterUrl'],
  rejected: ['trackingNumber', 'reason', 'trackUrl', 'reporterUrl'],
  reopened: ['trackingNumber', 'unit', 'reason', 'trackUrl', 'reporterUrl'],
  prelist: ['trackingNumber', 'stage', 'trackUrl', 'reporterUrl'],
};

/** The texts the service starts with; an admin may change each (PUT /api/v1/notice-templates). */
export const DEFAULT_TEMPLATES: Record<ReporterNoticeKind, string> = {
  acknowledgement:
    'Pengaduan Anda telah kami terima dengan nomor {{trackingNumber}}. Pantau perkembangannya di {{trackUrl}} atau {{reporterUrl}}.',
  placed:
    'Pengaduan {{trackingNumber}} diteruskan kepada {{unit}} untuk ditindaklanjuti. Perkembangannya: {{reporterUrl}}',
  done: 'Pengaduan {{trackingNumber}} telah ditindaklanjuti oleh {{unit}}: {{note}}. Bila masalahnya belum selesai, sampaikan keberatan dalam 10 hari kerja, dan beri penilaian Anda: {{reporterUrl}}',
  rejected:
    'Pengaduan {{trackingNumber}} tidak dapat diproses: {{reason}}. Beri penilaian Anda: {{reporterUrl}}',
  reopened:
    'Pengaduan {{trackingNumber}} dibuka kembali dan dikembalikan kepada {{unit}}: {{reason}}. Perkembangannya: {{reporterUrl}}',
  prelist:
    'Pengaduan {{trackingNumber}}: rumah tangga Anda {{stage}} dalam prelist calon penerima program. Perkembangannya: {{reporterUrl}}',
};

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * Why a template cannot be saved: a placeholder its notice does not have, or braces that do not
 * close — found when an admin saves it, not when a reporter would get a broken message.
 */
export function templateProblem(kind: ReporterNoticeKind, text: string): Bilingual | null {
  const allowed = PLACEHOLDERS[kind];
  const unknown = [...text.matchAll(PLACEHOLDER)]
    .map(([, name]) => name)
    .filter((name) => !allowed.includes(name));
  if (unknown.length) {
    const list = [...new Set(unknown)].map((name) => `{{${name}}}`).join(', ');
    const names = allowed.map((name) => `{{${name}}}`).join(', ');
    return bilingual(
      `Templat ${kind} memuat penanda yang tidak dikenal: ${list}. Penanda yang tersedia: ${names}`,
      `The ${kind} template names unknown placeholders: ${list}. Available: ${names}`,
    );
  }
  const rest = text.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}')) {
    return bilingual(
      `Templat ${kind} memuat kurung kurawal yang tidak berpasangan; tulis penanda sebagai {{nama}}`,
      `The ${kind} template has unbalanced braces; write placeholders as {{name}}`,
    );
  }
  return null;
}

/** The text with its placeholders filled; one not given stays as written (filled later). */
export function render(text: string, values: Partial<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}
