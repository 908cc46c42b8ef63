import { bilingual, ErrorDetail, saying } from '@crm/core';
import { IsEmail, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';

/** An SP4N-LAPOR! tracking id. */
export const LAPOR_TRACKING_ID = /^[A-Za-z0-9-]{4,40}$/;

/** The 12 channels whose complaints an operator enters (JAKI pushes its own). */
export const OPERATOR_CHANNELS = [
  'twitter',
  'facebook',
  'email',
  'gubernur-sosmed',
  'sms',
  'pendopo-balaikota',
  'inspektorat',
  'kantor-walikota',
  'kantor-camat',
  'kantor-lurah',
  'media-massa',
  'lapor-1708',
] as const;
export type OperatorChannel = (typeof OPERATOR_CHANNELS)[number];

/** Channel-specific facts an operator records; `CHANNEL_FIELDS` says which apply where. */
export class ChannelDetailsDto {
  /** Twitter/Facebook/governor's social media: the reporter's handle or account name */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  handle?: string;

  /** Social media: link to the post */
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(500)
  postUrl?: string;

  /** E-mail: the sender's address */
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  fromAddress?: string;

  /** E-mail: the subject line */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  subject?: string;

  /** SMS 0811272206: the sender's number */
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 -]{5,22}$/, saying('harus nomor telepon', 'must be a telephone number'))
  senderNumber?: string;

  /** Walk-in channels: the unit code of the office that received the reporter */
  @IsOptional()
  @Matches(
    /^[a-z0-9.-]{2,40}$/,
    saying('harus kode unit, misalnya kel-gambir', 'must be a unit code such as kel-gambir'),
  )
  receivingOffice?: string;

  /** Mass media: the outlet */
  @IsOptional()
  @IsString()
  @MaxLength(120)
  mediaOutlet?: string;

  /** Mass media: link to the article or broadcast */
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(500)
  articleUrl?: string;

  /** LAPOR 1708: the national SP4N-LAPOR! tracking id (or give it as `externalId`) */
  @IsOptional()
  @Matches(LAPOR_TRACKING_ID, saying('harus nomor lacak LAPOR!', 'must be a LAPOR! tracking id'))
  laporTrackingId?: string;
}

type DetailField = keyof ChannelDetailsDto;

/**
 * Which details each channel records: those it should have (`expected`) and those it may have. A
 * walk-in office is the office itself (Pendopo Balaikota is the Biro Pemerintahan's; the others
 * name their office).
 */
export const CHANNEL_FIELDS: Record<
  OperatorChannel,
  { expected: DetailField[]; optional: DetailField[]; officeType?: string }
> = {
  twitter: { expected: ['handle'], optional: ['postUrl'] },
  facebook: { expected: ['handle'], optional: ['postUrl'] },
  'gubernur-sosmed': { expected: ['handle'], optional: ['postUrl'] },
  email: { expected: ['fromAddress'], optional: ['subject'] },
  sms: { expected: ['senderNumber'], optional: [] },
  'pendopo-balaikota': { expected: [], optional: [] },
  inspektorat: { expected: [], optional: [] },
  'kantor-walikota': { expected: ['receivingOffice'], optional: [], officeType: 'kota' },
  'kantor-camat': { expected: ['receivingOffice'], optional: [], officeType: 'kecamatan' },
  'kantor-lurah': { expected: ['receivingOffice'], optional: [], officeType: 'kelurahan' },
  'media-massa': { expected: ['mediaOutlet'], optional: ['articleUrl'] },
  'lapor-1708': { expected: ['laporTrackingId'], optional: [] },
};

/**
 * The details of a complaint for its channel: `problems` are details given that the channel does
 * not have (refused, 400); `missing` are details the channel should have and the request left out
 * — accepted (docs/api.md: details are never required), and kept on the ticket so that
 * Diskominfo sees what the operator did not record.
 */
export function checkChannelDetails(
  channel: OperatorChannel,
  details: ChannelDetailsDto | undefined,
): { problems: ErrorDetail[]; missing: DetailField[] } {
  const rule = CHANNEL_FIELDS[channel];
  const given = Object.entries(details ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([field]) => field as DetailField);
  const problems = given
    .filter((field) => !rule.expected.includes(field) && !rule.optional.includes(field))
    .map((field) => ({
      field: `details.${field}`,
      problem: bilingual(
        `tidak berlaku untuk kanal ${channel}; hapus isian ini`,
        `does not apply to channel ${channel}`,
      ),
    }));
  return { problems, missing: rule.expected.filter((field) => !given.includes(field)) };
}
