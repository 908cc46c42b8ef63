import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, Principal } from '@crm/core';
import { AuditEntryDto, AuditQuery } from '../admin/reference-admin.dto';
import { AuditedEntity, AuditEntry } from './audit-entry.entity';

/** Who made a change, as the audit records it. */
export interface AuditActor {
  principal: Pick<Principal, 'sub' | 'role'>;
  requestId: string | null;
}

/**
 * The audit trail of reference data (`GET /api/v1/audit`): every admin change, written in the
 * change's own transaction — a change without its entry cannot commit.
 */
@Injectable()
export class ReferenceAudit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(
    manager: EntityManager,
    change: {
      entity: AuditedEntity;
      entityId: string;
      before: object | null;
      after: object | null;
    },
    actor: AuditActor,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (entity, entity_id, action, before, after, actor_sub, actor_role, request_id)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8)`,
      [
        change.entity,
        change.entityId,
        change.before === null ? 'create' : change.after === null ? 'delete' : 'update',
        change.before === null ? null : JSON.stringify(change.before),
        change.after === null ? null : JSON.stringify(change.after),
        actor.principal.sub,
        actor.principal.role,
        actor.requestId,
      ],
    );
  }

  /** Newest first, by entity and record when asked. */
  async list(query: AuditQuery): Promise<Page<AuditEntryDto>> {
    const [rows, total] = await this.dataSource.getRepository(AuditEntry).findAndCount({
      where: {
        ...(query.entity ? { entity: query.entity } : {}),
        ...(query.id ? { entityId: query.id } : {}),
      },
      order: { id: 'DESC' },
      skip: (query.page - 1) * query.limit,
      take: query.limit,
    });
    return {
      data: rows.map((row) => ({
        id: row.id,
        entity: row.entity,
        entityId: row.entityId,
        action: row.action,
        before: row.before,
        after: row.after,
        by: row.actorSub,
        role: row.actorRole,
        requestId: row.requestId,
        at: row.at.toISOString(),
      })),
      meta: { total, page: query.page, limit: query.limit },
    };
  }
}
