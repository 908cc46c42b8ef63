import { bilingual, encodeMessage } from '@crm/core';
import { Transform } from 'class-transformer';
import {
  IsNumber,
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';

/** Jakarta lies around 6°S 106°E; a pair the other way round is almost certainly swapped. */
const JAKARTA_HINT = bilingual(
  'Jakarta berada di sekitar lintang -6,2 dan bujur 106,8',
  'Jakarta is near lat -6.2, lon 106.8',
);

function looksSwapped(lat: unknown, lon: unknown): boolean {
  return (
    typeof lat === 'number' &&
    typeof lon === 'number' &&
    Math.abs(lat) > 90 &&
    Math.abs(lat) <= 180 &&
    Math.abs(lon) <= 90
  );
}

/**
 * A latitude in [-90, 90]. The sibling property named by `lonProperty` is read to tell an
 * out-of-range value from a swapped pair, which gets a hint instead of a bare range message.
 */
export function IsLatitudeOf(lonProperty: string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isLatitude',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'number' && value >= -90 && value <= 90,
        defaultMessage: (args: ValidationArguments) => {
          const lon = (args.object as Record<string, unknown>)[lonProperty];
          return encodeMessage(
            looksSwapped(args.value, lon)
              ? bilingual(
                  `tampaknya tertukar dengan ${lonProperty}: lintang harus antara -90 dan 90 (${JAKARTA_HINT.id})`,
                  `looks swapped with ${lonProperty}: a latitude must be between -90 and 90 (${JAKARTA_HINT.en})`,
                )
              : bilingual(
                  'harus lintang antara -90 dan 90',
                  'must be a latitude between -90 and 90',
                ),
          );
        },
      },
    });
}

export function IsLongitude(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isLongitude',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'number' && value >= -180 && value <= 180,
        defaultMessage: () =>
          encodeMessage(
            bilingual(
              'harus bujur antara -180 dan 180',
              'must be a longitude between -180 and 180',
            ),
          ),
      },
    });
}

/** Finite numbers only: NaN, Infinity and numeric strings in a JSON body are refused. */
export const IsCoordinate = () => IsNumber({ allowNaN: false, allowInfinity: false });

/** Query strings carry text: a strictly decimal one becomes a number, anything else stays text. */
export const DecimalFromQuery = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d{1,3}(\.\d+)?$/.test(value) ? Number(value) : value,
  );
