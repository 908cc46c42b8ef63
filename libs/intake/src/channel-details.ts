import { IsEmail, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';

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
  @Matches(/^\+?[0-9][0-9 -]{5,22}$/, { message: 'senderNumber must be a telephone number' })
  senderNumber?: string;

  /** Walk-in channels: the unit code of the office that received the reporter */
  @IsOptional()
  @Matches(/^[a-z0-9.-]{2,40}$/, { message: 'receivingOffice must be a unit code' })
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

  /** LAPOR 1708: the national SP4N-LAPOR! tracking id */
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{4,40}$/, { message: 'laporTrackingId must be a LAPOR! tracking id' })
  laporTrackingId?: string;
}

type DetailField = keyof ChannelDetailsDto;

/**
 * Which details each channel records, and which it cannot do without. A walk-in office is the
 * office itself (Pendopo Balaikota is the Biro Pemerintahan's; the others name their office).
 */
export const CHANNEL_FIELDS: Record<
  OperatorChannel,
  { required: DetailField[]; optional: DetailField[]; officeType?: string }
> = {
  twitter: { required: ['handle'], optional: ['postUrl'] },
  facebook: { required: ['handle'], optional: ['postUrl'] },
  'gubernur-sosmed': { required: ['handle'], optional: ['postUrl'] },
  email: { required: ['fromAddress'], optional: ['subject'] },
  sms: { required: ['senderNumber'], optional: [] },
  'pendopo-balaikota': { required: [], optional: [] },
  inspektorat: { required: [], optional: [] },
  'kantor-walikota': { required: ['receivingOffice'], optional: [], officeType: 'kota' },
  'kantor-camat': { required: ['receivingOffice'], optional: [], officeType: 'kecamatan' },
  'kantor-lurah': { required: ['receivingOffice'], optional: [], officeType: 'kelurahan' },
  'media-massa': { required: ['mediaOutlet'], optional: ['articleUrl'] },
  'lapor-1708': { required: ['laporTrackingId'], optional: [] },
};

/** Problems with the details for a channel, as validation details. */
export function checkChannelDetails(
  channel: OperatorChannel,
  details: ChannelDetailsDto | undefined,
): { field: string; problem: string }[] {
  const rule = CHANNEL_FIELDS[channel];
  const given = Object.entries(details ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([field]) => field as DetailField);
  const problems = rule.required
    .filter((field) => !given.includes(field))
    .map((field) => ({ field: `details.${field}`, problem: `is required for channel ${channel}` }));
  for (const field of given) {
    if (!rule.required.includes(field) && !rule.optional.includes(field)) {
      problems.push({ field: `details.${field}`, problem: `does not apply to channel ${channel}` });
    }
  }
  return problems;
}
