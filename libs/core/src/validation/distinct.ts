import { ValidateBy, ValidationOptions } from 'class-validator';
import { encodeMessage } from '../errors/validation-messages';
import { bilingual } from '../i18n/bilingual';

/**
 * No value twice in the list. class-validator's own `ArrayUnique` compares every pair (quadratic:
 * seconds for one large request, and it runs even when `ArrayMaxSize` has already refused the
 * list); this counts a Set, in linear time.
 */
export function IsDistinct(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDistinct',
      validator: {
        validate: (value: unknown) => Array.isArray(value) && new Set(value).size === value.length,
        defaultMessage: () =>
          encodeMessage(
            bilingual('tidak boleh memuat nilai yang sama dua kali', 'must not list a value twice'),
          ),
      },
    },
    options,
  );
}
