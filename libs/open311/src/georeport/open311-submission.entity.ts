import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { Complaint } from '@crm/tickets';
import { Open311ApiKey } from '../keys/open311-api-key.entity';

/**
 * What an Open311 POST carried that a ticket has no column for: the key that submitted it and
 * the request's `media_url` (intake keeps photos for JAKI pushes only). One row per ticket, so a
 * resubmission that returns the same ticket writes nothing.
 */
@Entity('open311_submissions')
@Index('ix_open311_submissions_api_key', ['apiKeyId'])
export class Open311Submission {
  @PrimaryColumn({ name: 'complaint_id', type: 'uuid' })
  complaintId: string;

  @ManyToOne(() => Complaint, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaint_id' })
  complaint?: Complaint;

  @Column({ name: 'api_key_id', type: 'uuid' })
  apiKeyId: string;

  @ManyToOne(() => Open311ApiKey, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'api_key_id' })
  apiKey?: Open311ApiKey;

  @Column({ name: 'media_url', type: 'varchar', length: 500, nullable: true })
  mediaUrl: string | null;

  @CreateDateColumn({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;
}
