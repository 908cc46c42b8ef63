import { Bilingual, bilingual, ErrorDetail } from '@crm/core';
import { parseNik } from '@crm/identity';
import { REPORTER_TYPES, ReporterType } from '@crm/tickets';

/** An attribute of a service definition, with the GeoReport v2 fields. */
export interface ServiceAttribute {
  /** false for an informational attribute the client only shows */
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

/**
 * Where a service attribute's value goes in the complaint: the reporter's NIK (encrypted and
 * matched like any NIK intake receives), or a labelled line appended to the description.
 */
type AttributeTarget = { kind: 'nik' } | { kind: 'description-line'; label: string };

interface AttributeRule {
  definition: ServiceAttribute;
  target: AttributeTarget;
}

/** Services that need more than the standard fields, by category code. */
const SERVICE_ATTRIBUTES: Record<string, AttributeRule[]> = {
  // Flow 4: Diskominfo checks the reporter against the P3KE registry by NIK, so it is required.
  'belum-terdata': [
    {
      definition: {
        variable: true,
        code: 'nik',
        datatype: 'string',
        required: true,
        datatype_description: '16 digits, the Nomor Induk Kependudukan printed on the KTP',
        order: 1,
        description:
          'NIK of the citizen not yet in the P3KE database, checked against the registry',
      },
      target: { kind: 'nik' },
    },
  ],
  'administrasi-kependudukan': [
    {
      definition: {
        variable: true,
        code: 'dokumen',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: 'One of the keys below',
        order: 1,
        description: 'The civil registration document the complaint is about',
        values: [
          { key: 'ktp', name: 'KTP elektronik' },
          { key: 'kk', name: 'Kartu keluarga' },
          { key: 'akta-kelahiran', name: 'Akta kelahiran' },
          { key: 'lainnya', name: 'Dokumen lain' },
        ],
      },
      target: { kind: 'description-line', label: 'Dokumen' },
    },
  ],
};

/** The entry of a lookup table, never an Object.prototype member (`constructor` is a valid code). */
function entryOf<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export function attributesOf(serviceCode: string): ServiceAttribute[] {
  return (entryOf(SERVICE_ATTRIBUTES, serviceCode) ?? []).map((rule) => rule.definition);
}

/**
 * Channel facts (intake's channel details) the channel cannot do without, taken from a standard
 * field or from an `attribute[code]` that any service accepts for keys of that channel.
 */
type ChannelSource =
  | {
      from: 'attribute';
      code: string;
      detail: string;
      required: boolean;
      pattern?: RegExp;
      maxLength?: number;
    }
  | { from: 'field'; field: 'email' | 'phone'; detail: string };

const OFFICE = /^[a-z0-9.-]{2,40}$/;
const LINK = /^https?:\/\/\S+$/;
const SOCIAL: readonly ChannelSource[] = [
  { from: 'attribute', code: 'handle', detail: 'handle', required: true, maxLength: 100 },
  { from: 'attribute', code: 'post_url', detail: 'postUrl', required: false, pattern: LINK },
];

export const CHANNEL_ATTRIBUTES: Record<string, readonly ChannelSource[]> = {
  // SP4N-LAPOR!'s own tracking id: also the ticket's external id, so a resubmission of the same
  // LAPOR! report returns the same ticket.
  'lapor-1708': [
    {
      from: 'attribute',
      code: 'lapor_tracking_id',
      detail: 'laporTrackingId',
      required: true,
      pattern: /^[A-Za-z0-9-]{4,40}$/,
    },
  ],
  twitter: SOCIAL,
  facebook: SOCIAL,
  'gubernur-sosmed': SOCIAL,
  email: [{ from: 'field', field: 'email', detail: 'fromAddress' }],
  sms: [{ from: 'field', field: 'phone', detail: 'senderNumber' }],
  'kantor-walikota': [
    {
      from: 'attribute',
      code: 'receiving_office',
      detail: 'receivingOffice',
      required: true,
      pattern: OFFICE,
    },
  ],
  'kantor-camat': [
    {
      from: 'attribute',
      code: 'receiving_office',
      detail: 'receivingOffice',
      required: true,
      pattern: OFFICE,
    },
  ],
  'kantor-lurah': [
    {
      from: 'attribute',
      code: 'receiving_office',
      detail: 'receivingOffice',
      required: true,
      pattern: OFFICE,
    },
  ],
  'media-massa': [
    {
      from: 'attribute',
      code: 'media_outlet',
      detail: 'mediaOutlet',
      required: true,
      maxLength: 120,
    },
    {
      from: 'attribute',
      code: 'article_url',
      detail: 'articleUrl',
      required: false,
      pattern: LINK,
    },
  ],
  'pendopo-balaikota': [],
};

/** Intake's name of a channel detail → the Open311 field or attribute that carries it. */
export function open311NameOfDetail(channel: string, detail: string): string | undefined {
  const source = (entryOf(CHANNEL_ATTRIBUTES, channel) ?? []).find(
    (entry) => entry.detail === detail,
  );
  if (!source) return undefined;
  return source.from === 'field' ? source.field : `attribute[${source.code}]`;
}

const requiredForChannel = (channel: string) =>
  bilingual(
    `wajib diisi untuk permintaan dari kanal ${channel}`,
    `is required for requests of channel ${channel}`,
  );

/**
 * Who reports (Kepsekda 75/2023 §2.4.2.4): GeoReport v2 has no field for it, so it is an
 * attribute every service accepts from every channel, optional like intake's `reporter.type`.
 */
export const REPORTER_TYPE_ATTRIBUTE = 'reporter_type';

/** What the attributes of a request contribute to the complaint. */
export interface MappedAttributes {
  nik?: string;
  reporterType?: ReporterType;
  descriptionLines: string[];
  details: Record<string, string>;
  problems: (ErrorDetail & { field: string })[];
}

/**
 * Checks `attribute[code]=value` against the service's definition and the key's channel, and
 * maps each value to its place in the complaint. Unknown codes are refused rather than dropped:
 * a client that believes it sent something must learn that it did not arrive.
 */
export function mapAttributes(
  serviceCode: string,
  channel: string,
  given: Record<string, unknown>,
  fields: { email?: string; phone?: string },
): MappedAttributes {
  const result: MappedAttributes = { descriptionLines: [], details: {}, problems: [] };
  const problem = (code: string, text: Bilingual) =>
    result.problems.push({ field: `attribute[${code}]`, problem: text });
  const serviceRules = entryOf(SERVICE_ATTRIBUTES, serviceCode) ?? [];
  const channelSources = entryOf(CHANNEL_ATTRIBUTES, channel) ?? [];
  const known = new Set([
    REPORTER_TYPE_ATTRIBUTE,
    ...serviceRules.map((rule) => rule.definition.code),
    ...channelSources.flatMap((source) => (source.from === 'attribute' ? [source.code] : [])),
  ]);

  for (const [code, value] of Object.entries(given)) {
    if (!known.has(code)) {
      problem(
        code,
        bilingual(
          `bukan atribut layanan ${serviceCode}; hapus atribut ini`,
          `is not an attribute of service ${serviceCode}`,
        ),
      );
    } else if (typeof value !== 'string') {
      problem(code, bilingual('harus satu nilai teks', 'must be a single text value'));
    }
  }
  const text = (code: string): string | undefined => {
    const value = given[code];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };

  const reporterType = text(REPORTER_TYPE_ATTRIBUTE);
  if (reporterType !== undefined) {
    if ((REPORTER_TYPES as readonly string[]).includes(reporterType)) {
      result.reporterType = reporterType as ReporterType;
    } else {
      result.problems.push({
        field: `attribute[${REPORTER_TYPE_ATTRIBUTE}]`,
        problem: bilingual(
          `harus salah satu dari: ${REPORTER_TYPES.join(', ')}`,
          `must be one of: ${REPORTER_TYPES.join(', ')}`,
        ),
      });
    }
  }

  for (const { definition, target } of serviceRules) {
    const value = text(definition.code);
    if (value === undefined) {
      if (definition.required) {
        problem(
          definition.code,
          bilingual(
            `wajib diisi untuk layanan ${serviceCode}`,
            `is required for service ${serviceCode}`,
          ),
        );
      }
      continue;
    }
    if (definition.values && !definition.values.some((option) => option.key === value)) {
      const keys = definition.values.map((option) => option.key).join(', ');
      problem(
        definition.code,
        bilingual(`harus salah satu dari ${keys}`, `must be one of ${keys}`),
      );
      continue;
    }
    if (target.kind === 'nik') {
      const nik = parseNik(value);
      if (!nik.valid) {
        problem(
          definition.code,
          bilingual(`bukan NIK yang sah: ${nik.reason.id}`, `is not a valid NIK: ${nik.reason.en}`),
        );
      } else result.nik = value;
    } else {
      const name = definition.values?.find((option) => option.key === value)?.name ?? value;
      result.descriptionLines.push(`${target.label}: ${name}`);
    }
  }

  for (const source of channelSources) {
    if (source.from === 'field') {
      const value = fields[source.field];
      if (value) result.details[source.detail] = value;
      else
        result.problems.push({
          field: source.field,
          problem: requiredForChannel(channel),
        });
      continue;
    }
    const value = text(source.code);
    if (value === undefined) {
      if (source.required) problem(source.code, requiredForChannel(channel));
    } else if (source.pattern && !source.pattern.test(value)) {
      problem(
        source.code,
        bilingual(
          `bentuknya tidak sesuai pola ${source.pattern.source}`,
          `does not have the form ${source.pattern.source}`,
        ),
      );
    } else if (value.length > (source.maxLength ?? 500)) {
      const max = source.maxLength ?? 500;
      problem(
        source.code,
        bilingual(`paling banyak ${max} karakter`, `must be at most ${max} characters`),
      );
    } else {
      result.details[source.detail] = value;
    }
  }
  return result;
}
