import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  HttpStatus,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { ApiError } from '../errors/api-error';
import { bilingual } from '../i18n/bilingual';

const SIGNED_BODY = 'crm:signed-body';

/** A body signed with HMAC-SHA256 in a header: `<header>: sha256=<hex>`. */
export interface BodySignature {
  /** Lower-case header name, e.g. `x-jaki-signature`. */
  header: string;
  /** The secrets a signature may be made with: the current one, and during a rotation the previous. */
  secrets: (config: AppConfig) => string[];
}

declare module 'http' {
  interface IncomingMessage {
    /** Set by the edge once the raw body matched the route's signature. */
    bodySignatureVerified?: boolean;
  }
}

const SIGNATURE_FORMAT = /^sha256=([0-9a-f]{64})$/i;

/** 401 for a signature that is missing or wrong; `header` names it when the route is known. */
export const invalidSignature = (header?: string) =>
  new ApiError(
    HttpStatus.UNAUTHORIZED,
    'INVALID_SIGNATURE',
    bilingual(
      `${header ? `Header ${header}` : 'Tanda tangan'} tidak ada atau tidak cocok dengan isi body; tanda tangani body yang dikirim dengan kunci rahasia yang benar`,
      `${header ?? 'The signature'} is missing or does not match the body`,
    ),
  );

/** Whether a signature header is well formed at all: checked before any byte of the body is read. */
export function signatureHeaderWellFormed(value: string | undefined): boolean {
  return value !== undefined && SIGNATURE_FORMAT.test(value);
}

/** Whether `body` carries the signature in `value` made with one of `secrets`, in constant time. */
export function signatureMatches(value: string, body: Buffer, secrets: string[]): boolean {
  const match = SIGNATURE_FORMAT.exec(value);
  if (!match) return false;
  const given = Buffer.from(match[1], 'hex');
  // Every secret is tried, so the time does not tell which one matched.
  return secrets
    .map((secret) => timingSafeEqual(given, createHmac('sha256', secret).update(body).digest()))
    .some(Boolean);
}

/**
 * Marks a public route whose caller proves itself by signing the raw body (JAKI's push). The edge
 * (configureApp) refuses a request without a well-formed signature header before reading the
 * body, and a wrong signature before parsing it; the guard makes sure that check happened.
 */
export const SignedBody = (signature: BodySignature) =>
  applyDecorators(SetMetadata(SIGNED_BODY, signature), UseGuards(SignedBodyGuard));

export function bodySignatureOf(
  reflector: Reflector,
  targets: (object | Function)[],
): BodySignature | undefined {
  return reflector.getAllAndOverride<BodySignature | undefined>(SIGNED_BODY, targets as never);
}

/** Fails closed: a signed route reached without the edge's check is refused. */
@Injectable()
export class SignedBodyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.bodySignatureVerified === true) return true;
    const signature = bodySignatureOf(this.reflector, [context.getHandler(), context.getClass()]);
    throw invalidSignature(signature?.header);
  }
}
