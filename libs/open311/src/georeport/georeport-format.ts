import { XMLBuilder } from 'fast-xml-parser';

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

/** JSON values as the XML builder wants them: lists under entry elements, null as empty. */
function xmlTree(value: unknown): unknown {
  if (value === null || value === undefined) return '';
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

const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;

/** W3C datetime in Jakarta's time (UTC+07:00), as GeoReport's examples write them. */
export function jakartaTime(date: Date | null): string | null {
  if (!date) return null;
  return `${new Date(date.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}
