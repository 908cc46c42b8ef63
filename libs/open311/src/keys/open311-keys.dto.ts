import { saying } from '@crm/core';
import { IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateOpen311KeyDto {
  /** The channel the key's requests enter as, e.g. `lapor-1708` (not `jaki` or `inspektorat`) */
  @Matches(
    /^[a-z0-9-]{2,32}$/,
    saying('harus kode kanal, misalnya lapor-1708', 'must be a channel code such as lapor-1708'),
  )
  channel: string;

  /** Who the key is for, e.g. "SP4N-LAPOR! gateway" */
  @IsString()
  @MinLength(3)
  @MaxLength(120)
  name: string;
}

export class Open311KeyIdParam {
  @IsUUID('all', saying('harus ID kunci (UUID)', 'must be a key id (UUID)'))
  id: string;
}

/** A key as listed: never the key itself. */
export class Open311KeyDto {
  id: string;
  name: string;
  channel: string;
  /** The key's first characters, to tell keys apart */
  keyPrefix: string;
  /** `admin` (created here) or `config` (from OPEN311_API_KEYS) */
  source: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

/** The answer to creating a key: the only time the key is shown. */
export class CreatedOpen311KeyDto extends Open311KeyDto {
  /** Pass it as `api_key`; store it now, it cannot be shown again */
  key: string;
}
