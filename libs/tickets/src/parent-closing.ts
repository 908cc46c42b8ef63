import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Bilingual, bilingual } from '@crm/core';
import type { SlaPolicy } from '@crm/sla';
import { SERVICE_ACTOR, Ticket } from './ticket';
import { TicketStore } from './ticket-store';
import { isClosed } from './ticket-status';

/**
 * A not-in-database complaint (flow 4) closes by itself once its household is on the prelist and
 * every child ticket (its emergency handling, the registration of members without a NIK) is
 * `selesai` — checked in the transaction of the step that may complete it: the triage, or the
 * approval of its last child.
 */
@Injectable()
export class ParentClosing {
  constructor(private readonly store: TicketStore) {}

  /** What the complaint still waits for, or null when it may close. */
  async waitsFor(manager: EntityManager, parentId: string): Promise<Bilingual | null> {
    const [{ prelisted, open }]: { prelisted: boolean; open: number }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM prelist_entries WHERE $1 = ANY (complaint_ids)) AS prelisted,
              (SELECT count(*)::int FROM complaints WHERE parent_id = $1 AND status <> 'selesai') AS open`,
      [parentId],
    );
    if (!prelisted) {
      return bilingual(
        'rumah tangganya masuk prelist (lakukan triase dulu)',
        'the household is not on the prelist yet (triage first)',
      );
    }
    if (open > 0) {
      return bilingual(
        `${open} tiket turunan (penanganan darurat, pendaftaran kependudukan) berstatus selesai (sekarang belum)`,
        `${open} child ticket(s) (emergency handling, registration) are not selesai yet`,
      );
    }
    return null;
  }

  /** Closes the complaint (a system event) if nothing is left to wait for. */
  async closeIfReady(
    manager: EntityManager,
    parentId: string,
    now: Date,
    sla: SlaPolicy,
  ): Promise<void> {
    if (await this.waitsFor(manager, parentId)) return;
    // Locked: the step that completes it is the only one to close it.
    const row = await this.store.load(parentId, manager, { lock: true });
    if (!row || isClosed(row.status)) return;
    const parent = Ticket.of(row);
    parent.closeWhenPrelisted({ actor: SERVICE_ACTOR, now, sla });
    await this.store.save(parent, manager);
  }
}
