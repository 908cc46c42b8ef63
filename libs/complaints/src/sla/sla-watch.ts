import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bull';
import { DataSource } from 'typeorm';
import { describeError } from '@crm/core';
import { queueUnitNotice } from '../lifecycle/lifecycle.service';
import { DeadLetters } from '../messaging/dead-letters';
import { INSPEKTORAT_UNIT, RESTRICTED_CHANNEL } from '../read/complaint-access';
import { OutboxSignal } from '../messaging/outbox-signal';
import { NOTIFICATIONS_QUEUE, SLA_QUEUE } from '../messaging/queues';
import { ComplaintEvent } from '../tickets/complaint-event.entity';
import { Complaint } from '../tickets/complaint.entity';
import { SlaPolicy } from './sla-policy';
import { clockHolder, recordOutcome } from './sla-outcomes';

/** The unit that handles complaints of the restricted (`inspektorat`) channel. */

/** How often the database is searched for missed deadlines, whatever Redis holds. */
const SWEEP_MS = 60_000;
const SWEEP_BATCH = 500;

/**
 * Watches deadlines. Each step queues a delayed Bull job for its deadline (through the outbox);
 * and because a clock is the ticket's `due_at` in PostgreSQL, a sweep every minute also finds
 * every missed deadline — so clocks survive a restart of the worker or a Redis that lost its
 * jobs. A missed deadline marks the ticket overdue, records an event and escalates one level with
 * a notice; the conditional update makes the job and the sweep (or two workers) act once.
 */
@Processor(SLA_QUEUE)
@Injectable()
export class SlaWatch implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SlaWatch.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policy: SlaPolicy,
    private readonly outbox: OutboxSignal,
    private readonly deadLetters: DeadLetters,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.sweep(new Date()).catch((error: unknown) =>
        this.logger.warn(`SLA sweep failed: ${describeError(error)}`),
      );
    }, SWEEP_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  @Process({ name: 'check', concurrency: 4 })
  async check(job: Job<{ complaintId: string }>): Promise<void> {
    await this.escalateIfDue(job.data.complaintId, new Date());
  }

  @OnQueueFailed()
  async failed(job: Job, error: Error): Promise<void> {
    await this.deadLetters.recordIfFinal(SLA_QUEUE, job, error);
  }

  /** Escalates every open ticket whose clock ran out by `now`; returns how many. */
  async sweep(now: Date): Promise<number> {
    let escalated = 0;
    for (;;) {
      const due: { id: string }[] = await this.dataSource.query(
        `SELECT id FROM complaints
          WHERE due_at <= $1 AND status NOT IN ('selesai', 'ditolak')
          ORDER BY due_at LIMIT ${SWEEP_BATCH}`,
        [now],
      );
      for (const { id } of due) if (await this.escalateIfDue(id, now)) escalated++;
      if (due.length < SWEEP_BATCH) return escalated;
    }
  }

  /**
   * Marks one ticket overdue and escalates it one level, if its clock has run out by `now`. The
   * escalated level gets the same time again; if that passes too, the next level up is told
   * (kelurahan → kecamatan → kota → Diskominfo), and at Diskominfo the clock stops.
   */
  async escalateIfDue(id: string, now: Date): Promise<boolean> {
    const ticket = await this.dataSource.manager.findOneBy(Complaint, { id });
    if (!ticket || !ticket.dueAt || ticket.dueAt > now) return false;
    if (ticket.status === 'selesai' || ticket.status === 'ditolak') return false;
    const holder = clockHolder(ticket);
    const level = ticket.escalatedToUnitCode ?? holder;
    // Inspektorat complaints stay with the Inspektorat: nobody above it may see them.
    const target =
      ticket.channelCode === RESTRICTED_CHANNEL
        ? INSPEKTORAT_UNIT
        : await this.policy.escalationTarget(level);
    const nextDueAt = target === level ? null : await this.policy.again(ticket, now);
    const done = await this.dataSource.transaction(async (manager) => {
      const { affected } = await manager.update(
        Complaint,
        { id, version: ticket.version },
        {
          overdue: true,
          escalationLevel: ticket.escalationLevel + 1,
          escalatedToUnitCode: target,
          dueAt: nextDueAt,
        },
      );
      if (!affected) return false; // someone acted on it meanwhile, or another sweep did
      // The holder's miss counts once; the levels above are told, not scored.
      if (!ticket.overdue) await recordOutcome(manager, ticket, now, false);
      const event = await manager.save(
        manager.create(ComplaintEvent, {
          complaintId: id,
          type: 'overdue',
          actorSub: 'system',
          actorRole: 'system',
          actorUnit: null,
          fromStatus: ticket.status,
          toStatus: ticket.status,
          reason: `Missed the ${ticket.slaClock ?? 'SLA'} deadline of ${ticket.dueAt!.toISOString()}`,
          data: {
            clock: ticket.slaClock,
            dueAt: ticket.dueAt!.toISOString(),
            holder,
            escalatedTo: target,
            level: ticket.escalationLevel + 1,
            nextDueAt: nextDueAt?.toISOString() ?? null,
          },
          requestId: null,
        }),
      );
      await queueUnitNotice(manager, {
        complaint: ticket,
        eventId: event.id,
        unit: target,
        kind: 'escalation',
        message: `Pengaduan ${ticket.trackingNumber} melewati tenggat (${ticket.slaClock}) di ${holder ?? 'Diskominfo'}: eskalasi kepada unit Anda.`,
      });
      return true;
    });
    if (done) this.outbox.wake(NOTIFICATIONS_QUEUE);
    return done;
  }
}
