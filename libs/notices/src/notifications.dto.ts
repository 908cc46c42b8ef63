import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQuery, saying } from '@crm/core';

const STATUSES = ['pending', 'delivered', 'logged', 'sent', 'not_configured', 'failed'] as const;

export class NotificationQuery extends PageQuery {
  /** A unit's notice: pending, delivered, logged, failed; the reporter's: pending, sent, not_configured, failed */
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
}

export class NotificationDto {
  id: string;
  complaintId: string;
  kind: string;
  /** The unit told; null for a notice to the reporter */
  recipientUnit: string | null;
  channel: string | null;
  /** webhook (a unit's), or the reporter's way back: jaki, lapor, sms, email, reply */
  delivery: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** One message about a ticket, as its notice list shows it (docs/notifications.md). */
export class ComplaintNoticeDto {
  id: string;
  /** `reporter`, or the unit told */
  recipient: string;
  kind: string;
  /** webhook, jaki, lapor, sms, email or reply */
  channel: string;
  /** pending, sent, failed or not_configured */
  status: 'pending' | 'sent' | 'failed' | 'not_configured';
  attempts: number;
  lastError: string | null;
  /** The text; the reporter's link shows as {{reporterUrl}}, filled in only when sent */
  text: string;
  /** The reporter's receivers order messages by it */
  version: number;
  createdAt: string;
  sentAt: string | null;
}

const REPLY_STATUSES = ['pending', 'sent'] as const;

export class ReplyQuery extends PageQuery {
  @IsOptional()
  @IsIn(REPLY_STATUSES)
  status?: (typeof REPLY_STATUSES)[number];
}

export class ReplyIdParam {
  @Matches(/^[1-9][0-9]{0,17}$/, saying('harus nomor tugas balasan', 'must be a reply task number'))
  id: string;
}

/** A message for the reporter that an operator posts where the complaint came from. */
export class ReplyTaskDto {
  id: string;
  complaintId: string;
  trackingNumber: string;
  channel: string;
  kind: string;
  /** The text to post, the reporter's link included */
  text: string;
  reporterUrl: string;
  status: 'pending' | 'sent';
  /** Answer within a day of the step it tells of */
  dueAt: string;
  sentAt: string | null;
}
