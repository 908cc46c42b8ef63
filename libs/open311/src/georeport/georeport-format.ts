import { XMLBuilder } from 'fast-xml-parser';
import { DAY_S, jakartaDayStart, jakartaIso } from '@crm/core';

/** GeoReport v2 picks the representation by the URL's extension. */
export type GeoReportFormat = 'json' | 'xml';

/** The format a path asks for; null for an extension GeoReport does not define. */
export function formatOfPath(path: string): GeoReportFormat | null {
  const match = /\.([A-Za-z0-9]+)$/.exec(path);
  const extension = match?.[1]?.toLowerCase();
  return extension === 'json' || extension === 'xml' ? extension : null;
}

/**
 * A GeoReport answer before it is written: JSON is `data` as it is; XML wraps it in `root`,
 * each list entry in an `item` element (`<services><service>…`).
 */
export class GeoReportReply {
  constructor(
    readonly root: string,
    readonly item: string | null,
    readonly data: object,
  ) {}
}

/** Element names of the spec's XML examples for the entries of nested lists. */
const ENTRY_ELEMENT: Record<string, string> = { attributes: 'attribute', values: 'value' };

const builder = new XMLBuilder({ format: true, processEntities: true });

export function toXml(reply: GeoReportReply): string {
  const content = reply.item
    ? { [reply.item]: (reply.data as unknown[]).map((entry) => xmlTree(entry)) }
    : xmlTree(reply.data);
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [reply.root]: content })}`;
}

/**
 * Characters XML 1.0 cannot carry, even escaped: the C0 controls other than tab, LF and CR, and
 * U+FFFE/U+FFFF. A complaint pasted from a PDF may hold a form feed; written raw, it would make
 * the whole list unreadable to an XML client, so XML shows U+FFFD in its place (JSON keeps it).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** JSON values as the XML builder wants them: lists under entry elements, null as empty. */
function xmlTree(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(NOT_XML_CHARACTERS, '\uFFFD');
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((entry) => xmlTree(entry));
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) =>
        Array.isArray(child) && ENTRY_ELEMENT[key]
          ? [key, { [ENTRY_ELEMENT[key]]: child.map((entry) => xmlTree(entry)) }]
          : [key, xmlTree(child)],
      ),
    );
  }
  return value;
}

/** W3C-DTF as GeoReport clients send it: a date, or a date and a time with its offset. */
const W3C_DATETIME =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/**
 * The instant a W3C datetime names, or null when it names none (2026-02-30, 25:00). A bare date
 * is a day in Jakarta: its first millisecond, or with `endOfDay` its last.
 */
export function readW3cDatetime(value: string, endOfDay = false): Date | null {
  if (!W3C_DATETIME.test(value)) return null;
  const dayStart = jakartaDayStart(value);
  if (dayStart === null) return null;
  if (value.length === 10) {
    const start = dayStart * 1000;
    return new Date(endOfDay ? start + DAY_S * 1000 - 1 : start);
  }
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** W3C datetime in Jakarta's time (UTC+07:00), as GeoReport's examples write them. */
export function jakartaTime(date: Date | null): string | null {
  return date ? jakartaIso(Math.floor(date.getTime() / 1000)) : null;
}
