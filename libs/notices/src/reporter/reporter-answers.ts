import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SlaCalendar, SlaPolicy } from '@crm/sla';
import {
  Actor,
  Complaint,
  DISPUTE_WINDOW_WORKING_DAYS,
  refusal,
  StepContext,
  Ticket,
  TicketErrors,
  TicketReader,
  TicketStore,
} from '@crm/tickets';
import { ReporterLinks } from './reporter-links';
import type { ReporterLinkViewDto } from './reporter.dto';

const DAY_MS = 86_400_000;
/** A reporter's link works until this many days after the ticket closed (then 404). */
export const LINK_DAYS_AFTER_CLOSING = 60;

/**
 * What the reporter does through their link: sees the public view of their complaint with what
 * they may do now, disputes the closing, rates the handling. The link is the reporter's
 * credential: a token this service made (ReporterLinks), for a ticket not closed more than
 * LINK_DAYS_AFTER_CLOSING days ago — anything else is 404, like an unknown ticket.
 */
@Injectable()
export class ReporterAnswers {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: ReporterLinks,
    private readonly reader: TicketReader,
    private readonly store: TicketStore,
    private readonly calendar: SlaCalendar,
  ) {}

  async view(token: string): Promise<ReporterLinkViewDto> {
    const complaint = await this.complaintOf(token);
    const sla = await this.calendar.policy();
    const now = new Date();
    const until = disputeUntil(complaint, sla);
    return {
      ...(await this.reader.track(complaint.trackingNumber)),
      canDispute:
        refusal('dispute', complaint.status, 'reporter') === null &&
        !complaint.disputedAt &&
        complaint.assignedUnitCode !== null &&
        until !== null &&
        now <= until,
      disputeUntil: until && !complaint.disputedAt ? until.toISOString() : null,
      canRate: refusal('rate', complaint.status, 'reporter') === null && !complaint.ratedAt,
      rating:
        complaint.rating !== null && complaint.ratedAt
          ? {
              score: complaint.rating,
              comment: complaint.ratingComment,
              at: complaint.ratedAt.toISOString(),
            }
          : null,
    };
  }

  async dispute(
    token: string,
    reason: string,
    requestId: string | null,
  ): Promise<ReporterLinkViewDto> {
    const complaint = await this.complaintOf(token);
    await this.step(complaint.id, requestId, (ticket, ctx) => ticket.dispute(reason, ctx));
    return this.view(token);
  }

  async rate(
    token: string,
    score: number,
    comment: string | null,
    requestId: string | null,
  ): Promise<ReporterLinkViewDto> {
    const complaint = await this.complaintOf(token);
    await this.step(complaint.id, requestId, (ticket, ctx) => ticket.rate(score, comment, ctx));
    return this.view(token);
  }

  private async step(
    id: string,
    requestId: string | null,
    apply: (ticket: Ticket, context: StepContext) => void,
  ): Promise<void> {
    const sla = await this.calendar.policy();
    const actor: Actor = {
      kind: 'reporter',
      sub: 'reporter',
      role: 'reporter',
      unit: null,
      requestId,
    };
    await this.store.change(id, null, (ticket) =>
      Promise.resolve(apply(ticket, { actor, now: new Date(), sla })),
    );
  }

  private async complaintOf(token: string): Promise<Complaint> {
    const id = this.links.complaintOf(token);
    const complaint = id ? await this.dataSource.manager.findOneBy(Complaint, { id }) : null;
    const expired =
      complaint?.closedAt &&
      Date.now() - complaint.closedAt.getTime() > LINK_DAYS_AFTER_CLOSING * DAY_MS;
    if (!complaint || expired) throw TicketErrors.notFound();
    return complaint;
  }
}

/** The last instant a dispute is taken, for a ticket closed as `selesai`. */
function disputeUntil(complaint: Complaint, sla: SlaPolicy): Date | null {
  if (complaint.status !== 'selesai' || !complaint.closedAt) return null;
  return sla.workingDaysAfter(complaint.closedAt, DISPUTE_WINDOW_WORKING_DAYS);
}
