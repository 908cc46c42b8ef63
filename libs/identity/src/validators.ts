import { Bilingual, bilingual, encodeMessage } from '@crm/core';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { parseKk, parseNik } from './nik';

/** A NIK that `parseNik` accepts; the error names the precise reason. */
export function IsNik(options?: ValidationOptions): PropertyDecorator {
  return numberDecorator(
    'isNik',
    (value) => parseNik(value),
    bilingual('NIK yang sah', 'a valid NIK'),
    options,
  );
}

/** A family card number that `parseKk` accepts. */
export function IsKk(options?: ValidationOptions): PropertyDecorator {
  return numberDecorator(
    'isKk',
    (value) => parseKk(value),
    bilingual('nomor KK yang sah', 'a valid KK number'),
    options,
  );
}

function numberDecorator(
  name: string,
  parse: (value: string) => { valid: true } | { valid: false; reason: Bilingual },
  what: Bilingual,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parse(value).valid,
        defaultMessage: (args: ValidationArguments) => {
          const parsed =
            typeof args.value === 'string'
              ? parse(args.value)
              : { valid: false as const, reason: bilingual('bukan teks', 'not text') };
          const reason = parsed.valid ? null : parsed.reason;
          return encodeMessage(
            bilingual(
              `harus ${what.id}${reason ? `: ${reason.id}` : ''}`,
              `must be ${what.en}${reason ? `: ${reason.en}` : ''}`,
            ),
          );
        },
      },
    });
}
