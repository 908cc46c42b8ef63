import { HttpStatus, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, ApiError, bilingual } from '@crm/core';
import { Channel } from '@crm/reference';
import { Open311ApiKey } from './open311-api-key.entity';
import { CreatedOpen311KeyDto, Open311KeyDto } from './open311-keys.dto';

/**
 * Channels a key may not be bound to: JAKI pushes to its own signed endpoint, and Inspektorat
 * complaints never appear in Open311 (a key for that channel could post what it can never read).
 */
const UNBINDABLE_CHANNELS = ['jaki', 'inspektorat'];

/** What a key listing shows of a generated key (`o311_` and 7 of its 43 random characters). */
const PREFIX_LENGTH = 12;
/** Operators choose bootstrapped keys, some only 16 characters long: show less of them. */
const CONFIG_PREFIX_LENGTH = 4;
/** Bootstrapped keys are chosen by operators: too short a key could be guessed. */
const MIN_CONFIG_KEY_LENGTH = 16;

/** The channel a valid key speaks for. */
export interface Open311Caller {
  keyId: string;
  channel: string;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Creates, lists, revokes and checks Open311 API keys; bootstraps those of OPEN311_API_KEYS. */
@Injectable()
export class Open311Keys implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Idempotent, and safe when several instances start at once (the unique hash decides). A key
   * revoked over the API stays revoked even though the configuration still lists it.
   */
  async onApplicationBootstrap(): Promise<void> {
    for (const { key, channel } of this.config.open311.apiKeys) {
      if (!key || key.length < MIN_CONFIG_KEY_LENGTH) {
        throw new Error(
          `OPEN311_API_KEYS: every key must be at least ${MIN_CONFIG_KEY_LENGTH} characters (key:channel,key:channel)`,
        );
      }
      await this.checkChannel(channel ?? '', 'OPEN311_API_KEYS');
      await this.dataSource.query(
        `INSERT INTO open311_api_keys (name, channel_code, key_hash, key_prefix, source, created_by)
         VALUES ($1, $2, $3, $4, 'config', 'config')
         ON CONFLICT (key_hash) DO UPDATE SET channel_code = EXCLUDED.channel_code
          WHERE open311_api_keys.source = 'config'
            AND open311_api_keys.channel_code <> EXCLUDED.channel_code`,
        [
          `OPEN311_API_KEYS (${channel})`,
          channel,
          hashKey(key),
          key.slice(0, CONFIG_PREFIX_LENGTH),
        ],
      );
    }
  }

  async create(channel: string, name: string, createdBy: string): Promise<CreatedOpen311KeyDto> {
    await this.checkChannel(channel, 'channel');
    const key = `o311_${randomBytes(32).toString('base64url')}`;
    const saved = await this.dataSource.manager.save(
      this.dataSource.manager.create(Open311ApiKey, {
        name,
        channelCode: channel,
        keyHash: hashKey(key),
        keyPrefix: key.slice(0, PREFIX_LENGTH),
        source: 'admin',
        createdBy,
        revokedAt: null,
      }),
    );
    return { ...toDto(saved), key };
  }

  async list(): Promise<Open311KeyDto[]> {
    const keys = await this.dataSource.manager.find(Open311ApiKey, {
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return keys.map(toDto);
  }

  /** Revoking twice is harmless; the first revocation's time is kept. */
  async revoke(id: string): Promise<Open311KeyDto> {
    await this.dataSource.query(
      `UPDATE open311_api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
      [id],
    );
    const key = await this.dataSource.manager.findOneBy(Open311ApiKey, { id });
    if (!key) {
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        'NOT_FOUND',
        bilingual(`Tidak ada kunci API Open311 ${id}`, `No Open311 key ${id}`),
      );
    }
    return toDto(key);
  }

  /**
   * The caller behind a key, or null for an unknown or revoked one — and for one bound to a
   * channel no key may have, should such a row be written past this service.
   */
  async verify(key: string): Promise<Open311Caller | null> {
    const found = await this.dataSource.manager.findOneBy(Open311ApiKey, { keyHash: hashKey(key) });
    if (!found || found.revokedAt || UNBINDABLE_CHANNELS.includes(found.channelCode)) return null;
    return { keyId: found.id, channel: found.channelCode };
  }

  private async checkChannel(channel: string, field: string): Promise<void> {
    const known = await this.dataSource.manager.existsBy(Channel, { code: channel });
    if (known && !UNBINDABLE_CHANNELS.includes(channel)) return;
    const problem = known
      ? bilingual(
          `tidak boleh ${channel}: ${channel === 'jaki' ? 'JAKI mengirim ke alamatnya sendiri' : 'pengaduan Inspektorat tidak pernah tampil di Open311'}; pilih kanal lain`,
          `cannot be ${channel}: ${channel === 'jaki' ? 'JAKI pushes to its own endpoint' : 'Inspektorat complaints never appear in Open311'}`,
        )
      : bilingual(
          `${channel || '(kosong)'} bukan kode kanal; pilih dari daftar kanal`,
          `${channel || '(empty)'} is not a channel code`,
        );
    if (field === 'OPEN311_API_KEYS') throw new Error(`OPEN311_API_KEYS: channel ${problem.en}`);
    throw new ApiError(
      HttpStatus.BAD_REQUEST,
      'VALIDATION_FAILED',
      bilingual(`${field}: ${problem.id}`, `${field}: ${problem.en}`),
      [{ field, problem }],
    );
  }
}

function toDto(key: Open311ApiKey): Open311KeyDto {
  return {
    id: key.id,
    name: key.name,
    channel: key.channelCode,
    keyPrefix: key.keyPrefix,
    source: key.source,
    createdBy: key.createdBy,
    createdAt: key.createdAt.toISOString(),
    revokedAt: key.revokedAt ? key.revokedAt.toISOString() : null,
  };
}
