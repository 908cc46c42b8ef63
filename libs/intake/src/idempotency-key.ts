import { createParamDecorator, ExecutionContext, HttpStatus } from '@nestjs/common';
import type { Request } from 'express';
import { ApiError, bilingual } from '@crm/core';

/** The `Idempotency-Key` header (1–200 visible ASCII characters), or null when absent. */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | null => {
    const value = context.switchToHttp().getRequest<Request>().header('idempotency-key');
    if (value === undefined) return null;
    if (!/^[\x21-\x7e]{1,200}$/.test(value)) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'VALIDATION_FAILED',
        bilingual(
          'Idempotency-Key harus 1-200 karakter ASCII yang terlihat (tanpa spasi); pakai kunci lain',
          'Idempotency-Key must be 1-200 visible ASCII characters',
        ),
        [
          {
            field: 'Idempotency-Key',
            problem: bilingual(
              'harus 1-200 karakter ASCII yang terlihat (tanpa spasi)',
              'must be 1-200 visible ASCII characters',
            ),
          },
        ],
      );
    }
    return value;
  },
);
