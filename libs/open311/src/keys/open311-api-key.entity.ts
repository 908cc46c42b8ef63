import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Channel } from '@crm/reference';

/**
 * A key an Open311 client passes as `api_key`. It is bound to one channel: requests posted with
 * it enter as that channel's complaints, and it reads only that channel's requests. Only a
 * SHA-256 hash of the key is stored (keys are long random strings, so a plain hash suffices),
 * with its first characters so an admin can tell keys apart.
 */
@Entity('open311_api_keys')
@Index('ux_open311_api_keys_key_hash', ['keyHash'], { unique: true })
@Check('ck_open311_api_keys_source', `source IN ('admin', 'config')`)
export class Open311ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ name: 'channel_code', type: 'varchar', length: 32 })
  channelCode: string;

  @ManyToOne(() => Channel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'channel_code' })
  channel?: Channel;

  @Column({ name: 'key_hash', type: 'char', length: 64 })
  keyHash: string;

  /** The key's first characters, shown in lists instead of the key. */
  @Column({ name: 'key_prefix', type: 'varchar', length: 12 })
  keyPrefix: string;

  /** `admin` (created over the API) or `config` (bootstrapped from OPEN311_API_KEYS). */
  @Column({ type: 'varchar', length: 8 })
  source: 'admin' | 'config';

  /** The admin's token subject; `config` for bootstrapped keys. */
  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Set once revoked; a revoked key is refused (403) and never comes back. */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
