import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bull';
import { DataSource } from 'typeorm';
import { describeError } from '@crm/core';
import { DeadLetters, SLA_QUEUE } from '@crm/messaging';
import { SlaCalendar } from '@crm/sla';
import { SERVICE_ACTOR, Ticket, TicketStore } from '@crm/tickets';

/** How often the database is searched for missed deadlines, whatever Redis holds. */
const SWEEP_MS = 60_000;
const SWEEP_BATCH = 500;

/**
 * Watches deadlines. Each step that starts a clock queues a delayed job for its deadline (the
 * ticket store writes it with the step); and because a clock is the ticket's `due_at` in
 * PostgreSQL, a sweep every minute also finds every missed deadline — so clocks survive a restart
 * of the worker or a Redis that lost its jobs. A missed deadline is the ticket's `escalate` step
 * (marked overdue, escalated one level, its `overdue` event tells the level above); the version
 * guard makes the job and the sweep (or two workers) act once.
 */
@Processor(SLA_QUEUE)
@Injectable()
export class EscalateOverdue implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EscalateOverdue.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: SlaCalendar,
    private readonly store: TicketStore,
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

  /** Escalates one ticket if its clock has run out by `now`; false if nothing was due. */
  async escalateIfDue(id: string, now: Date): Promise<boolean> {
    const row = await this.store.load(id);
    if (!row) return false;
    const ticket = Ticket.of(row);
    const sla = await this.calendar.policy();
    if (!ticket.escalate({ actor: SERVICE_ACTOR, now, sla })) return false;
    // Someone acted on it meanwhile, or another sweep did: their change stands.
    return this.store.save(ticket);
  }
}
