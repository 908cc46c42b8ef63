import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '@crm/core';
import { Complaint } from '../tickets/complaint.entity';

/** Complaints about officials' conduct: only the Inspektorat and admins may see them at all. */
export const RESTRICTED_CHANNEL = 'inspektorat';

/**
 * Who may read a ticket (api.md, Roles): Diskominfo all but Inspektorat complaints; a unit what
 * it holds or once held; an operator what it entered; admin everything.
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
        return complaint.createdBy === principal.sub;
      case 'unit':
        return (
          complaint.assignedUnitCode === principal.unit ||
          this.onceHeld(complaint.id, principal.unit)
        );
      default:
        return false;
    }
  }

  private async onceHeld(complaintId: string, unit: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM complaint_events WHERE complaint_id = $1 AND data->>'toUnit' = $2 LIMIT 1`,
      [complaintId, unit],
    );
    return rows.length > 0;
  }
}
