import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig, PiiCipher } from '@crm/core';

const PURPOSE = 'crm-reporter-link-v1';
/** 16 bytes of the ticket's id and 16 of its MAC (128 bits an outsider cannot guess). */
const TOKEN = /^[A-Za-z0-9_-]{22}[A-Za-z0-9_-]{22}$/;

/**
 * The reporter's link to their complaint: `PUBLIC_BASE_URL/api/v1/reporter/<token>`, in every
 * notice to them. The token is the ticket's id and a keyed MAC of it — nothing is stored, the
 * link of every ticket (older ones too) can be made when a notice is sent, and no one without the
 * key can make one. It lets its holder dispute and rate, so it is never written into a notice's
 * stored text (the text carries `{{reporterUrl}}` until it is sent).
 */
@Injectable()
export class ReporterLinks {
  constructor(
    private readonly pii: PiiCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  token(complaintId: string): string {
    const id = Buffer.from(complaintId.replace(/-/g, ''), 'hex');
    return id.toString('base64url') + this.mac(id).toString('base64url');
  }

  url(complaintId: string): string {
    return `${this.config.publicBaseUrl}/api/v1/reporter/${this.token(complaintId)}`;
  }

  trackUrl(trackingNumber: string): string {
    return `${this.config.publicBaseUrl}/api/v1/complaints/track/${trackingNumber}`;
  }

  /** The ticket a token names, or null for anything this service did not make. */
  complaintOf(token: string): string | null {
    if (!TOKEN.test(token)) return null;
    const id = Buffer.from(token.slice(0, 22), 'base64url');
    const given = Buffer.from(token.slice(22), 'base64url');
    if (id.length !== 16 || given.length !== 16 || !timingSafeEqual(given, this.mac(id))) {
      return null;
    }
    const hex = id.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  private mac(id: Buffer): Buffer {
    return this.pii.mac(PURPOSE, id.toString('hex')).subarray(0, 16);
  }
}
