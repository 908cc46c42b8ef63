import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '@crm/core';
import { ReferenceCache } from '@crm/reference';
import { Complaint } from '../complaint.entity';
import { Actor } from '../ticket';
import { TicketErrors } from '../ticket-errors';
import { INSPEKTORAT_UNIT, JAKI_CHANNEL, RESTRICTED_CHANNEL } from '../ticket-status';
import { actorKind, areaOf, readAccess, seesOtherTickets } from './access-rules';
import { ScopedQuery } from './scoped-query';

/**
 * Roles that work with the reporter directly and may read contact details in full — government
 * units, not partner organisations (units of type `mitra`).
 */
const SEES_CONTACT: ReadonlySet<string> = new Set(['diskominfo', 'unit', 'admin']);

/**
 * The one access gate for tickets (docs/api.md, "Authentication and roles"): who may read a
 * ticket, what they may do on it, whether they see the reporter's contact details and other
 * tickets' numbers, and — as SQL — which tickets a list shows them. Every route and job that
 * touches one ticket asks here; every list of tickets starts from `listScope` (a signed-in
 * caller) or `publicScope` (Open311's public reads).
 *
 * - Diskominfo reads all but Inspektorat complaints and reviews them; an admin reads all and
 *   reviews the Inspektorat's.
 * - A unit reads what it holds, once held, or had a missed deadline escalated to it; a kota or
 *   kecamatan office also reads every ticket in its area. A unit acts on what it holds now.
 * - An operator reads what it entered (never JAKI's pushes, whatever its token's subject).
 * - Inspektorat complaints: the Inspektorat unit and admins only.
 *
 * The rules themselves are pure functions (access-rules.ts, tested as a table); this adds what
 * needs the database (a unit's past hold) and the lists' SQL, which must say the same.
 */
@Injectable()
export class TicketAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceCache,
  ) {}

  async canRead(ticket: Complaint, principal: Principal): Promise<boolean> {
    const access = readAccess(ticket, principal);
    if (access !== 'if-held-before') return access === 'yes';
    return this.onceHeld(ticket.id, principal.unit);
  }

  /** The ticket, if the caller may read it; 404 otherwise — its existence never leaks. */
  async readable(ticket: Complaint | null, principal: Principal): Promise<Complaint> {
    if (!ticket || !(await this.canRead(ticket, principal))) throw TicketErrors.notFound();
    return ticket;
  }

  /** The caller as the ticket's history records it. */
  actor(
    ticket: Pick<Complaint, 'channelCode' | 'assignedUnitCode' | 'createdBy'>,
    principal: Principal,
    requestId: string | null,
  ): Actor {
    return {
      kind: actorKind(ticket, principal),
      sub: principal.sub,
      role: principal.role,
      unit: principal.unit ?? null,
      requestId,
    };
  }

  /** Whether the caller sees the reporter's name, phone, e-mail and address in full. */
  async seesContact(viewer: Pick<Principal, 'role' | 'unit'>): Promise<boolean> {
    if (!SEES_CONTACT.has(viewer.role)) return false;
    return !(viewer.role === 'unit' && (await this.reference.unit(viewer.unit))?.type === 'mitra');
  }

  /** Whether the caller may know a reporter who asked to stay anonymous: Diskominfo and admins. */
  seesAnonymous(viewer: Pick<Principal, 'role'>): boolean {
    return viewer.role === 'diskominfo' || viewer.role === 'admin';
  }

  /**
   * Whether the caller reads a ticket's internal notes (in its notes, history and search): the
   * staff who work on tickets — not an operator, who enters complaints and answers the reporter.
   */
  readsNotes(viewer: Pick<Principal, 'role'>): boolean {
    return viewer.role === 'diskominfo' || viewer.role === 'unit' || viewer.role === 'admin';
  }

  /** Whether the caller may be told which other tickets resemble this one (access-rules.ts). */
  seesOtherTickets(
    ticket: Pick<Complaint, 'channelCode'>,
    viewer: Pick<Principal, 'role' | 'unit'>,
  ): boolean {
    return seesOtherTickets(ticket, viewer);
  }

  /** The tickets a list may show the caller, as SQL over `c` (complaints); null: none. */
  listScope(principal: Principal): ScopedQuery | null {
    const restricted = `c.channel_code = '${RESTRICTED_CHANNEL}'`;
    switch (principal.role) {
      case 'admin':
        return ScopedQuery.within({ sql: 'TRUE', params: [] });
      case 'diskominfo':
        return ScopedQuery.within({ sql: `NOT ${restricted}`, params: [] });
      case 'operator':
        return ScopedQuery.within({
          sql: `c.created_by = $1 AND NOT ${restricted} AND c.channel_code <> '${JAKI_CHANNEL}'`,
          params: [principal.sub],
        });
      case 'unit': {
        // A kota or kecamatan office also reads its whole area (areaOf); a prefix of the
        // kelurahan code, which nests its kecamatan's and kota's.
        const area = areaOf(principal);
        return ScopedQuery.within({
          // Four index lookups (migration UnitScopeIndexes); the expressions must match them.
          // As an array of ids, so that PostgreSQL can AND it with another index (a search's)
          // through the primary key, instead of reading every match of the other to filter it.
          sql: `(NOT ${restricted} OR $1 = '${INSPEKTORAT_UNIT}') AND (c.id = ANY(ARRAY(
                  SELECT id FROM complaints WHERE assigned_unit_code = $1
                  UNION SELECT id FROM complaints
                         WHERE escalated_to_unit_code = $1 AND escalated_to_unit_code IS NOT NULL
                  UNION SELECT complaint_id FROM complaint_events
                         WHERE data ? 'toUnit' AND data->>'toUnit' = $1
                  UNION SELECT complaint_id FROM complaint_events
                         WHERE data ? 'escalatedTo' AND data->>'escalatedTo' = $1))
                 OR ($2::text IS NOT NULL AND NOT ${restricted}
                     AND c.kelurahan_code LIKE $2::text || '.%'))`,
          params: [principal.unit, area],
        });
      }
      default:
        return null;
    }
  }

  /**
   * The tickets whose reply tasks (a notice a person posts where the complaint came from) the
   * caller may see: an operator, those of every channel its token names — the channel's desk
   * answers together, whoever entered the complaint; Diskominfo and admins, as their lists.
   */
  replyScope(principal: Principal): ScopedQuery | null {
    if (principal.role !== 'operator') return this.listScope(principal);
    return ScopedQuery.within({
      sql: `c.channel_code = ANY($1::varchar[]) AND c.channel_code <> '${RESTRICTED_CHANNEL}'
            AND c.channel_code <> '${JAKI_CHANNEL}'`,
      params: [principal.channels ?? []],
    });
  }

  /**
   * The tickets anyone may see without signing in (Open311's public reads): all but Inspektorat
   * complaints, as SQL over `c`. What of them may be shown is the reader's to limit (no reporter
   * data); a channel, when given, narrows the list to it.
   */
  publicScope(channel?: string): ScopedQuery {
    const scoped = ScopedQuery.within({
      sql: `c.channel_code <> '${RESTRICTED_CHANNEL}'`,
      params: [],
    });
    return channel ? scoped.and((p) => `c.channel_code = ${p}`, channel) : scoped;
  }

  private async onceHeld(complaintId: string, unit: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM complaint_events
        WHERE complaint_id = $1 AND (data->>'toUnit' = $2 OR data->>'escalatedTo' = $2) LIMIT 1`,
      [complaintId, unit],
    );
    return rows.length > 0;
  }
}
