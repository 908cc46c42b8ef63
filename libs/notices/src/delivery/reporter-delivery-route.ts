import { JAKI_CHANNEL } from '@crm/tickets';
import type { Complaint } from '@crm/tickets';

/** How the reporter hears back (docs/notifications.md has the table). */
export type ReporterDelivery = 'jaki' | 'lapor' | 'sms' | 'email' | 'reply';

/**
 * The way back the complaint's channel offers: JAKI and SP4N-LAPOR! through their own systems,
 * an SMS or an e-mail to its sender; any other channel by e-mail or SMS when the reporter left
 * one, and otherwise a reply task for the channel's operator, who answers where the complaint
 * was posted (a tweet, a letter, a desk).
 */
export function reporterDelivery(
  complaint: Pick<
    Complaint,
    'channelCode' | 'reporterEmail' | 'reporterPhoneEncrypted' | 'channelDetails'
  >,
): ReporterDelivery {
  const email = Boolean(complaint.reporterEmail ?? complaint.channelDetails.fromAddress);
  const phone = Boolean(complaint.reporterPhoneEncrypted ?? complaint.channelDetails.senderNumber);
  switch (complaint.channelCode) {
    case JAKI_CHANNEL:
      return 'jaki';
    case 'lapor-1708':
      return 'lapor';
    case 'sms':
      return phone ? 'sms' : 'reply';
    case 'email':
      return email ? 'email' : 'reply';
  }
  if (complaint.reporterEmail) return 'email';
  if (complaint.reporterPhoneEncrypted) return 'sms';
  return 'reply';
}
