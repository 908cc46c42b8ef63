import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@crm/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Complaint,
  PrelistStageDto,
  PrelistTrackingDto,
  TrackingDto,
  TrackingExtensions,
} from '@crm/tickets';
import { countedCycle, cycleFor } from './prelist-cycles';
import { PrelistEntry } from './prelist-entry.entity';

/**
 * What the reporter of a not-in-database complaint follows on `/track` after the complaint
 * itself is `selesai`: the household's stages on the prelist (received on it, verified,
 * deliberated, verified again, sent, decided) with their dates — never a name, a NIK or a note.
 */
@Injectable()
export class PrelistTracking implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly extensions: TrackingExtensions,
  ) {}

  onModuleInit(): void {
    this.extensions.add((complaint) => this.track(complaint));
  }

  private async track(complaint: Complaint): Promise<Partial<TrackingDto>> {
    if (complaint.registryStatus !== 'not_registered') return {};
    const [entry] = await this.dataSource.manager
      .createQueryBuilder(PrelistEntry, 'e')
      .where(':id = ANY (e.complaint_ids)', { id: complaint.id })
      .orderBy('e.created_at', 'DESC')
      .limit(1)
      .getMany();
    if (!entry) return {};
    const current = cycleFor(new Date(), this.config.prelist.determinationDates);
    return { prelist: { ...prelistStages(entry), cycle: countedCycle(entry, current) } };
  }
}

/** The stages an entry has reached, in order. */
export function prelistStages(entry: PrelistEntry): PrelistTrackingDto {
  const stages: PrelistStageDto[] = [{ stage: 'diterima', at: entry.createdAt.toISOString() }];
  if (entry.verifiedAt) stages.push({ stage: 'diverifikasi', at: entry.verifiedAt.toISOString() });
  if (entry.muskelAt) {
    stages.push({
      stage: 'dimusyawarahkan',
      at: entry.muskelAt.toISOString(),
      eligible: entry.muskelEligible === true,
    });
  }
  if (entry.reverifiedAt) {
    stages.push({ stage: 'diverifikasi_ulang', at: entry.reverifiedAt.toISOString() });
  }
  if (entry.exportedAt) stages.push({ stage: 'dikirim', at: entry.exportedAt.toISOString() });
  if (entry.decidedAt) {
    stages.push({
      stage: 'diputuskan',
      at: entry.decidedAt.toISOString(),
      setByDecree: entry.setByDecree === true,
    });
  }
  return { stage: stages.at(-1)!.stage, stages };
}
