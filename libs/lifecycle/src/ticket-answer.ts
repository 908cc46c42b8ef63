import type { Response } from 'express';
import {
  CommandContext,
  Complaint,
  ComplaintDetailDto,
  ComplaintViews,
  etagOf,
} from '@crm/tickets';

/** A step's answer: the updated ticket as the caller may see it, its new `ETag`, and warnings. */
export async function answerWithTicket(
  views: ComplaintViews,
  ticket: Complaint,
  command: CommandContext,
  res: Response,
  warnings: string[] = [],
): Promise<ComplaintDetailDto> {
  res.setHeader('ETag', etagOf(ticket.version));
  return { ...(await views.toDetail(ticket, command.principal)), warnings };
}
