import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bull';
import { DataSource } from 'typeorm';
import { ReferenceCache, RegionDirectory } from '@crm/reference';
import { DeadLetters, ROUTING_QUEUE } from '@crm/messaging';
import { SlaCalendar } from '@crm/sla';
import { Complaint, SERVICE_ACTOR, Ticket, TicketStore } from '@crm/tickets';
import { DuplicateFinder } from './duplicate-finder';
import { firstPlacement, PlacementFacts } from './first-placement';

export interface RouteJob {
  complaintId: string;
}

/**
 * Places each received ticket once (the `received` event's job): gathers where its point or
 * address lies, its category's owner and possible duplicates, decides the placement
 * (first-placement.ts) and saves it — one statement, applied only to the version it read. A
 * repeated job finds the ticket placed and does nothing; one that lost a race to a person's step
 * fails, and Bull retries it on the new version.
 */
@Processor(ROUTING_QUEUE)
@Injectable()
export class RoutingProcessor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
    private readonly reference: ReferenceCache,
    private readonly duplicates: DuplicateFinder,
    private readonly deadLetters: DeadLetters,
    private readonly sla: SlaCalendar,
    private readonly store: TicketStore,
  ) {}

  @Process({ name: 'route', concurrency: 16 })
  async route(job: Job<RouteJob>): Promise<void> {
    const row = await this.store.load(job.data.complaintId);
    if (!row || row.routedAt) return;
    const ticket = Ticket.of(row);
    const placement = firstPlacement(row, await this.factsAbout(row));
    ticket.place(placement, {
      actor: SERVICE_ACTOR,
      now: new Date(),
      sla: await this.sla.policy(),
    });
    if (await this.store.save(ticket)) return;
    // Someone changed the ticket since it was read: if it is placed, the work is done;
    // otherwise fail so that Bull retries on the new version.
    const now = await this.store.load(row.id);
    if (now && !now.routedAt) throw new Error(`Ticket ${row.id} changed while routing`);
  }

  @OnQueueFailed()
  async failed(job: Job, error: Error): Promise<void> {
    await this.deadLetters.recordIfFinal(ROUTING_QUEUE, job, error);
  }

  private async factsAbout(ticket: Complaint): Promise<PlacementFacts> {
    const hasPoint = ticket.lat !== null && ticket.lon !== null;
    let located: PlacementFacts['located'] = null;
    let address: PlacementFacts['address'] = null;
    if (!ticket.kelurahanCode && hasPoint) {
      const place = this.regions.locate(ticket.lat!, ticket.lon!);
      located = place
        ? {
            kelurahanCode: place.kelurahan.code,
            method: place.method,
            distanceMeters: place.distanceMeters,
            alsoContainedBy: place.alsoContainedBy,
          }
        : 'nowhere';
    } else if (!ticket.kelurahanCode && ticket.address) {
      const match = this.regions.matchAddress(ticket.address);
      address = match.kelurahanCode
        ? { kelurahanCode: match.kelurahanCode }
        : { reason: match.reason };
    }
    const category = ticket.categoryCode
      ? await this.reference.category(ticket.categoryCode)
      : undefined;
    const kelurahan =
      ticket.kelurahanCode ??
      (located && located !== 'nowhere' ? located.kelurahanCode : null) ??
      (address && 'kelurahanCode' in address ? address.kelurahanCode : null);
    return {
      located,
      address,
      categoryOwner: category ? await this.reference.ownerFor(category, kelurahan) : null,
      possibleDuplicates: await this.duplicates.find(this.dataSource.manager, ticket),
    };
  }
}
