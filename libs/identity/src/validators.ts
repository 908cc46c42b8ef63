import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { parseKk, parseNik } from './nik';

/** A NIK that `parseNik` accepts; the error names the precise reason. */
export function IsNik(options?: ValidationOptions): PropertyDecorator {
  return numberDecorator('isNik', (value) => parseNik(value), 'a valid NIK', options);
}

/** A family card number that `parseKk` accepts. */
export function IsKk(options?: ValidationOptions): PropertyDecorator {
  return numberDecorator('isKk', (value) => parseKk(value), 'a valid KK number', options);
}

function numberDecorator(
  name: string,
  parse: (value: string) => { valid: true } | { valid: false; reason: string },
  what: string,
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
              : { valid: false, reason: 'not text' };
          const reason = parsed.valid ? '' : `: ${(parsed as { reason: string }).reason}`;
          return `${args.property} must be ${what}${reason}`;
        },
      },
    });
}
