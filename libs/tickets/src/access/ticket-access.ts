import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '@crm/core';
import { ReferenceCache } from '@crm/reference';
import { Complaint } from '../complaint.entity';
import { Actor } from '../ticket';
import { TicketErrors } from '../ticket-errors';
import { INSPEKTORAT_UNIT, JAKI_CHANNEL, RESTRICTED_CHANNEL } from '../ticket-status';
import { ActorKind } from '../transitions';
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
 * touches one ticket asks here; every list of tickets starts from `listScope`.
 *
 * - Diskominfo reads all but Inspektorat complaints and reviews them; an admin reads all and
 *   reviews the Inspektorat's.
 * - A unit reads what it holds, once held, or had a missed deadline escalated to it; it acts on
 *   what it holds now.
 * - An operator reads what it entered (never JAKI's pushes, whatever its token's subject).
 * - Inspektorat complaints: the Inspektorat unit and admins only.
 */
@Injectable()
export class TicketAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceCache,
  ) {}

  async canRead(ticket: Complaint, principal: Principal): Promise<boolean> {
    if (principal.role === 'admin') return true;
    if (ticket.channelCode === RESTRICTED_CHANNEL) {
      return principal.role === 'unit' && principal.unit === INSPEKTORAT_UNIT;
    }
    switch (principal.role) {
      case 'diskominfo':
        return true;
      case 'operator':
        return ticket.createdBy === principal.sub && ticket.channelCode !== JAKI_CHANNEL;
      case 'unit':
        return (
          ticket.assignedUnitCode === principal.unit ||
          ticket.escalatedToUnitCode === principal.unit ||
          this.onceHeld(ticket.id, principal.unit)
        );
      default:
        return false;
    }
  }

  /** The ticket, if the caller may read it; 404 otherwise — its existence never leaks. */
  async readable(ticket: Complaint | null, principal: Principal): Promise<Complaint> {
    if (!ticket || !(await this.canRead(ticket, principal))) throw TicketErrors.notFound();
    return ticket;
  }

  /** What the caller is on this ticket, for the transition table's `by`. */
  actorKind(
    ticket: Pick<Complaint, 'channelCode' | 'assignedUnitCode' | 'createdBy'>,
    principal: Principal,
  ): ActorKind {
    const reviewer = ticket.channelCode === RESTRICTED_CHANNEL ? 'admin' : 'diskominfo';
    if (principal.role === reviewer) return 'reviewer';
    if (principal.role === 'unit' && principal.unit === ticket.assignedUnitCode) return 'holder';
    if (principal.role === 'operator' && principal.sub === ticket.createdBy) return 'submitter';
    return 'bystander';
  }

  /** The caller as the ticket's history records it. */
  actor(
    ticket: Pick<Complaint, 'channelCode' | 'assignedUnitCode' | 'createdBy'>,
    principal: Principal,
    requestId: string | null,
  ): Actor {
    return {
      kind: this.actorKind(ticket, principal),
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

  /**
   * Whether the caller may be told which other tickets resemble this one (possible duplicates,
   * a linked duplicate): only who may read every ticket of its kind — an admin, Diskominfo (all
   * but Inspektorat complaints) and the Inspektorat for its own. To anyone else the hint would be
   * an oracle: enter a probe complaint with someone's NIK or phone, read back their tracking number.
   */
  seesOtherTickets(
    ticket: Pick<Complaint, 'channelCode'>,
    viewer: Pick<Principal, 'role' | 'unit'>,
  ): boolean {
    if (viewer.role === 'admin') return true;
    if (ticket.channelCode === RESTRICTED_CHANNEL) {
      return viewer.role === 'unit' && viewer.unit === INSPEKTORAT_UNIT;
    }
    return viewer.role === 'diskominfo';
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
      case 'unit':
        return ScopedQuery.within({
          // Four index lookups (migration UnitScopeIndexes); the expressions must match them.
          sql: `(NOT ${restricted} OR $1 = '${INSPEKTORAT_UNIT}') AND c.id IN (
                  SELECT id FROM complaints WHERE assigned_unit_code = $1
                  UNION SELECT id FROM complaints
                         WHERE escalated_to_unit_code = $1 AND escalated_to_unit_code IS NOT NULL
                  UNION SELECT complaint_id FROM complaint_events
                         WHERE data ? 'toUnit' AND data->>'toUnit' = $1
                  UNION SELECT complaint_id FROM complaint_events
                         WHERE data ? 'escalatedTo' AND data->>'escalatedTo' = $1)`,
          params: [principal.unit],
        });
      default:
        return null;
    }
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
