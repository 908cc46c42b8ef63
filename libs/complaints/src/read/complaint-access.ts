import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '@crm/core';
import { Complaint } from '../tickets/complaint.entity';

/** Complaints about officials' conduct: only the Inspektorat and admins may see them at all. */
export const RESTRICTED_CHANNEL = 'inspektorat';
/** The unit that handles the restricted channel's complaints. */
export const INSPEKTORAT_UNIT = 'inspektorat';
/** JAKI's own channel: its complaints are pushed, never entered by an operator. */
export const JAKI_CHANNEL = 'jaki';

/**
 * Who may read a ticket (api.md, Roles): Diskominfo all but Inspektorat complaints; a unit what
 * it holds, once held or had a missed deadline escalated to it; an operator what it entered; admin everything.
 * `scope` is the same rule as SQL, for lists.
 */
@Injectable()
export class ComplaintAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async canRead(complaint: Complaint, principal: Principal): Promise<boolean> {
    if (principal.role === 'admin') return true;
    if (complaint.channelCode === RESTRICTED_CHANNEL) {
      return principal.role === 'unit' && principal.unit === 'inspektorat';
    }
    switch (principal.role) {
      case 'diskominfo':
        return true;
      case 'operator':
        // JAKI's pushes are recorded as created by `jaki`: never an operator's, whatever its sub.
        return complaint.createdBy === principal.sub && complaint.channelCode !== JAKI_CHANNEL;
      case 'unit':
        return (
          complaint.assignedUnitCode === principal.unit ||
          complaint.escalatedToUnitCode === principal.unit ||
          this.onceHeld(complaint.id, principal.unit)
        );
      default:
        return false;
    }
  }

  /** The same rule as a WHERE clause over `c` (complaints), with its parameters from $1. */
  scope(principal: Principal): { sql: string; params: unknown[] } | null {
    const restricted = `c.channel_code = '${RESTRICTED_CHANNEL}'`;
    switch (principal.role) {
      case 'admin':
        return { sql: 'TRUE', params: [] };
      case 'diskominfo':
        return { sql: `NOT ${restricted}`, params: [] };
      case 'operator':
        return {
          sql: `c.created_by = $1 AND NOT ${restricted} AND c.channel_code <> '${JAKI_CHANNEL}'`,
          params: [principal.sub],
        };
      case 'unit':
        return {
          // Four index lookups (migration UnitScopeIndexes); the expressions must match them.
          sql: `(NOT ${restricted} OR $1 = 'inspektorat') AND c.id IN (
                  SELECT id FROM complaints WHERE assigned_unit_code = $1
                  UNION SELECT id FROM complaints
                         WHERE escalated_to_unit_code = $1 AND escalated_to_unit_code IS NOT NULL
                  UNION SELECT complaint_id FROM complaint_events
                         WHERE data ? 'toUnit' AND data->>'toUnit' = $1
                  UNION SELECT complaint_id FROM complaint_events
                         WHERE data ? 'escalatedTo' AND data->>'escalatedTo' = $1)`,
          params: [principal.unit],
        };
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
