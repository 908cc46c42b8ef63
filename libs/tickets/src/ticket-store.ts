import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxSignal, SLA_QUEUE } from '@crm/messaging';
import { Complaint } from './complaint.entity';
import { SUBSCRIBERS } from './event-subscribers';
import { FollowUp } from './follow-up.entity';
import { SlaOutcome } from '@crm/sla';
import { Actor, Ticket } from './ticket';
import { TicketErrors } from './ticket-errors';
import { TicketEvent } from './ticket-events';
import { TicketStatus } from './ticket-status';

interface EventRow {
  ord: number;
  complaint_id: string;
  type: string;
  actor_sub: string;
  actor_role: string;
  actor_unit: string | null;
  from_status: TicketStatus | null;
  to_status: TicketStatus;
  reason: string | null;
  data: TicketEvent['data'];
  request_id: string | null;
}

/** The columns of `complaints` the store writes, and which of them hold JSON. */
interface ColumnMap {
  names: Map<string, string>;
  json: Set<string>;
}

/**
 * The one writer of a ticket's state. A change (the steps a Ticket recorded) is written in one
 * statement: the version-guarded update or the insert, its history events, the outbox rows of
 * their subscribers (events.ts) and the deadline's check — atomic, and one round trip (intake
 * and routing measured it: docs/decisions.md). A follow-up, its decision and decided deadlines
 * go in the same transaction.
 */
@Injectable()
export class TicketStore {
  private columns?: ColumnMap;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxSignal,
  ) {}

  /** The stored ticket; `lock` holds it (FOR UPDATE) until the transaction ends. */
  load(
    id: string,
    manager: EntityManager = this.dataSource.manager,
    { lock }: { lock?: boolean } = {},
  ): Promise<Complaint | null> {
    return manager.findOne(Complaint, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /**
   * Runs steps on the stored ticket and saves them. Without `expectedVersion` (no `If-Match`), a
   * change made meanwhile — most often by the service's own job, such as routing — is waited for
   * and the steps apply to the new version (and are checked again on it); with it, the caller is
   * told (409). `steps` may write other rows in the same transaction, and `afterSave`
   * what depends on the saved change (a parent complaint that closes with its last child).
   */
  async change<R>(
    id: string,
    expectedVersion: number | null,
    steps: (ticket: Ticket, manager: EntityManager) => Promise<R>,
    afterSave?: (manager: EntityManager, result: R) => Promise<void>,
  ): Promise<{ ticket: Complaint; result: R }> {
    const result = await this.dataSource.transaction(async (manager) => {
      // Held until the step is saved: two steps on one ticket take turns, each on the version the
      // other left, so the version guard below cannot fail here.
      const row = await this.load(id, manager, { lock: true });
      if (!row) throw TicketErrors.notFound();
      const ticket = Ticket.of(row);
      const result = await steps(ticket, manager);
      // After the steps, so that a step refused from this state says so first.
      if (expectedVersion !== null && expectedVersion !== row.version) {
        throw TicketErrors.staleVersion(expectedVersion, row.version);
      }
      if (ticket.hasChanges && !(await this.save(ticket, manager))) throw TicketErrors.lostRace();
      await afterSave?.(manager, result);
      return result;
    });
    this.outbox.wake();
    return { ticket: (await this.load(id))!, result };
  }

  /**
   * Writes a new ticket. Returns null when a unique index already holds an earlier one (the same
   * channel and external id, or the same caller's idempotency key): nothing is written then.
   */
  async create(
    ticket: Ticket,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Complaint | null> {
    const row = ticket.state;
    row.id ??= randomUUID();
    const { names, json } = this.columnMap();
    const columns = Object.keys(row).filter((key) => names.has(key) && !GENERATED.has(key));
    type Returned = { id: string; created_at: Date; updated_at: Date; row_seq: number };
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const values = columns.map((key) => {
      const value = (row as unknown as Record<string, unknown>)[key];
      return param(json.has(key) ? JSON.stringify(value) : value);
    });
    const sql = `
WITH changed AS (
  INSERT INTO complaints (${columns.map((key) => `"${names.get(key)}"`).join(', ')})
  VALUES (${values.join(', ')})
  ON CONFLICT DO NOTHING
  RETURNING id, version, due_at, tracking_number, channel_code, created_at, updated_at, row_seq
)${this.sideEffects(ticket, row.id, param)}
SELECT id, created_at, updated_at, row_seq FROM changed`;
    const [written]: Returned[] = await manager.query(sql, params);
    if (!written) return null;
    await this.writeRecords(ticket, row.id, manager);
    if (manager === this.dataSource.manager) this.outbox.wake();
    // The row as written, without reading it back (intake's one round trip).
    return Object.assign(row, {
      createdAt: written.created_at,
      updatedAt: written.updated_at,
      rowSeq: written.row_seq,
    });
  }

  /**
   * Writes the ticket's changes if it is still at the version it was read at; returns false
   * (writing nothing) if it moved on. Use inside `change`, or alone where a job re-reads and
   * retries by itself (routing, deadlines).
   */
  async save(ticket: Ticket, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const { names, json } = this.columnMap();
    const params: unknown[] = [ticket.state.id, ticket.version];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const sets = Object.entries(ticket.patch)
      .filter(([key]) => names.has(key) && !GENERATED.has(key) && key !== 'version')
      .map(
        ([key, value]) =>
          `"${names.get(key)}" = ${param(json.has(key) ? JSON.stringify(value) : value)}`,
      );
    const sql = `
WITH changed AS (
  UPDATE complaints SET ${[...sets, 'version = version + 1'].join(', ')}
   WHERE id = $1 AND version = $2
  RETURNING id, version, due_at, tracking_number, channel_code
)${this.sideEffects(ticket, ticket.state.id, param)}
SELECT id FROM changed`;
    const written: unknown[] = await manager.query(sql, params);
    if (written.length === 0) return false;
    await this.writeRecords(ticket, ticket.state.id, manager);
    if (manager === this.dataSource.manager) this.outbox.wake();
    return true;
  }

  /**
   * The history events (the ticket's and those it adds to others'), their subscribers' outbox
   * rows, and the check of the deadline now running: CTEs that write only if `changed` did.
   */
  private sideEffects(ticket: Ticket, id: string, param: (value: unknown) => string): string {
    const rows: EventRow[] = [
      ...ticket.events.map((pending) =>
        eventRow(
          id,
          pending.event,
          pending.reason,
          pending.fromStatus,
          pending.toStatus,
          pending.actor,
        ),
      ),
      ...ticket.annotations.map((note) =>
        eventRow(note.complaintId, note.event, null, null, note.status, note.actor),
      ),
    ].map((row, ord) => ({ ...row, ord }));
    return `, history AS (
  INSERT INTO complaint_events
    (complaint_id, type, actor_sub, actor_role, actor_unit, from_status, to_status, reason, data, request_id)
  SELECT e.complaint_id, e.type, e.actor_sub, e.actor_role, e.actor_unit, e.from_status, e.to_status,
         e.reason, e.data, e.request_id
    FROM changed, jsonb_to_recordset(${param(JSON.stringify(rows))}::jsonb) AS e(
         ord int, complaint_id uuid, type text, actor_sub text, actor_role text, actor_unit text,
         from_status text, to_status text, reason text, data jsonb, request_id text)
   ORDER BY e.ord
  RETURNING id, complaint_id, type, data
), jobs AS (
  -- A job carries its event whole, and the ticket's public number: the subscriber needs no read.
  INSERT INTO outbox_messages (queue, job_name, job_id, payload, not_before)
  SELECT s.queue, s.job, replace(replace(s.job_id, '{event}', h.id::text), '{ticket}', h.complaint_id::text),
         jsonb_build_object('complaintId', h.complaint_id, 'eventId', h.id::text, 'type', h.type,
                            'data', h.data, 'trackingNumber', c.tracking_number,
                            'channel', c.channel_code), NULL
    FROM history h
    JOIN changed c ON c.id = h.complaint_id
    JOIN jsonb_to_recordset(${param(SUBSCRIPTIONS)}::jsonb)
      AS s(type text, queue text, job text, job_id text) ON s.type = h.type
  UNION ALL
  SELECT '${SLA_QUEUE}', 'check', 'sla:' || c.id || ':' || c.version,
         jsonb_build_object('complaintId', c.id, 'version', c.version), c.due_at
    FROM changed c WHERE c.due_at IS NOT NULL
)`;
  }

  /** What a step adds beside the ticket's row: a follow-up, its decision, decided deadlines. */
  private async writeRecords(ticket: Ticket, id: string, manager: EntityManager): Promise<void> {
    if (ticket.followUp) {
      await manager.insert(FollowUp, { complaintId: id, ...ticket.followUp });
    }
    if (ticket.followUpDecision) {
      const { decision, decisionNote, decidedBy } = ticket.followUpDecision;
      await manager.query(
        `UPDATE follow_ups SET decision = $2, decision_note = $3, decided_by = $4, decided_at = now()
          WHERE id = (SELECT id FROM follow_ups WHERE complaint_id = $1 AND decision IS NULL
                       ORDER BY submitted_at DESC LIMIT 1)`,
        [id, decision, decisionNote, decidedBy],
      );
    }
    if (ticket.deadlines.length) {
      // A deadline already decided keeps its first decision.
      await manager
        .createQueryBuilder()
        .insert()
        .into(SlaOutcome)
        .values(ticket.deadlines.map((deadline) => ({ complaintId: id, ...deadline })))
        .orIgnore()
        .execute();
    }
  }

  private columnMap(): ColumnMap {
    if (!this.columns) {
      const metadata = this.dataSource.getMetadata(Complaint);
      this.columns = {
        names: new Map(
          metadata.columns.map((column) => [column.propertyName, column.databaseName]),
        ),
        json: new Set(
          metadata.columns
            .filter((column) => column.type === 'jsonb')
            .map((column) => column.propertyName),
        ),
      };
    }
    return this.columns;
  }
}

/** The subscribers of each kind of event, as the store's statement joins them. */
const SUBSCRIPTIONS = JSON.stringify(
  Object.entries(SUBSCRIBERS).flatMap(([type, list]) =>
    list.map(({ queue, job, jobId }) => ({ type, queue, job, job_id: jobId })),
  ),
);

/** Columns PostgreSQL fills itself: never written by the store. */
const GENERATED: ReadonlySet<string> = new Set(['rowSeq', 'createdAt', 'updatedAt']);

function eventRow(
  complaintId: string,
  event: TicketEvent,
  reason: string | null,
  fromStatus: TicketStatus | null,
  toStatus: TicketStatus,
  actor: Actor,
): Omit<EventRow, 'ord'> {
  return {
    complaint_id: complaintId,
    type: event.type,
    actor_sub: actor.sub,
    actor_role: actor.role,
    actor_unit: actor.unit,
    from_status: fromStatus,
    to_status: toStatus,
    reason,
    data: event.data,
    request_id: actor.requestId,
  };
}
