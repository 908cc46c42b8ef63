import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export interface PiiKey {
  id: string;
  key: Buffer;
}

export class PiiDecryptError extends Error {
  override name = 'PiiDecryptError';
}

const VERSION = 'v1';
const IV_BYTES = 12;
/** IVs drawn from the system's random source in blocks: one call per 1,024 encryptions. */
const IV_POOL_BYTES = IV_BYTES * 1024;
const TAG_BYTES = 16;

/**
 * Personal identifiers at rest: AES-256-GCM with a random IV, the key id in the token (and bound
 * as associated data) so that keys can rotate — `current` encrypts, `previous` still decrypt —
 * and an HMAC-SHA256 lookup hash for equality matching without decrypting.
 */
export class PiiCipher {
  private readonly current: PiiKey;
  private readonly keys: Map<string, Buffer>;
  private readonly lookupKey: Buffer;
  private ivPool = Buffer.alloc(0);
  private ivOffset = 0;

  constructor(options: { current: PiiKey; previous?: PiiKey[]; lookupKey: Buffer }) {
    for (const { id, key } of [options.current, ...(options.previous ?? [])]) {
      if (key.length !== 32) throw new Error(`PII key ${id} must be 32 bytes`);
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new Error(`PII key id ${id} is malformed`);
    }
    this.current = options.current;
    this.keys = new Map(
      [options.current, ...(options.previous ?? [])].map(({ id, key }) => [id, key]),
    );
    this.lookupKey = options.lookupKey;
  }

  /**
   * From configuration: 64 hex characters per key. The lookup key is derived from the current
   * key, or from `lookupFromKeyHex` — after a rotation, the first key's: it must stay the same
   * across rotations (stored hashes depend on it).
   */
  static fromHex(
    keyId: string,
    keyHex: string,
    options: { previous?: { id: string; keyHex: string }[]; lookupFromKeyHex?: string } = {},
  ): PiiCipher {
    const key = hexKey(keyHex);
    const lookupKey = lookupKeyOf(hexKey(options.lookupFromKeyHex ?? keyHex));
    return new PiiCipher({
      current: { id: keyId, key },
      previous: (options.previous ?? []).map(({ id, keyHex: hex }) => ({ id, key: hexKey(hex) })),
      lookupKey,
    });
  }

  encrypt(plain: string): string {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(this.current.id));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const payload = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    return `${VERSION}.${this.current.id}.${payload}`;
  }

  decrypt(token: string): string {
    const [version, keyId, payload, ...rest] = token.split('.');
    if (version !== VERSION || !keyId || payload === undefined || rest.length) {
      throw new PiiDecryptError('Malformed encrypted value');
    }
    const key = this.keys.get(keyId);
    if (!key) throw new PiiDecryptError(`Unknown PII key id ${keyId}`);
    const bytes = Buffer.from(payload, 'base64url');
    if (bytes.length < IV_BYTES + TAG_BYTES) throw new PiiDecryptError('Malformed encrypted value');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(keyId));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new PiiDecryptError('Encrypted value failed authentication');
    }
  }

  /** A fresh random 96-bit IV (never reused: each is a distinct slice of random bytes). */
  private nextIv(): Buffer {
    if (this.ivOffset + IV_BYTES > this.ivPool.length) {
      this.ivPool = randomBytes(IV_POOL_BYTES);
      this.ivOffset = 0;
    }
    const iv = this.ivPool.subarray(this.ivOffset, this.ivOffset + IV_BYTES);
    this.ivOffset += IV_BYTES;
    return iv;
  }

  /**
   * A keyed MAC of `value` for one purpose (e.g. the reporter's link): unforgeable without the
   * key, stable across key rotations (it derives from the lookup key), and different per purpose.
   */
  mac(purpose: string, value: string): Buffer {
    const key = Buffer.from(hkdfSync('sha256', this.lookupKey, Buffer.alloc(0), purpose, 32));
    return createHmac('sha256', key).update(value).digest();
  }

  lookupHash(value: string): string {
    return createHmac('sha256', this.lookupKey).update(value.trim()).digest('hex');
  }

  /** The id of the key new values are encrypted with. */
  get currentKeyId(): string {
    return this.current.id;
  }

  needsRotation(token: string): boolean {
    return token.split('.')[1] !== this.current.id;
  }
}

/** The lookup key a data key derives (the hashes of NIKs and phones are keyed by it). */
function lookupKeyOf(key: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'crm-pii-lookup-v1', 32));
}

/**
 * The service's cipher from its configuration: the current key encrypts, previous keys still
 * decrypt, and the lookup hashes stay keyed by the key they were first keyed by.
 */
export function piiCipherFrom(pii: {
  keyId: string;
  encryptionKey: string;
  previousKeys: { id: string; keyHex: string }[];
  lookupKeyId: string;
}): PiiCipher {
  const all = [{ id: pii.keyId, keyHex: pii.encryptionKey }, ...pii.previousKeys];
  const lookup = all.find((key) => key.id === pii.lookupKeyId);
  if (!lookup) throw new Error(`PII_LOOKUP_KEY_ID ${pii.lookupKeyId} names no configured key`);
  return PiiCipher.fromHex(pii.keyId, pii.encryptionKey, {
    previous: pii.previousKeys,
    lookupFromKeyHex: lookup.keyHex,
  });
}

function hexKey(hex: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('A PII key must be 64 hex characters');
  return Buffer.from(hex, 'hex');
}
