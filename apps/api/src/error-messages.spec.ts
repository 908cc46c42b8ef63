import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { isBilingual } from '@crm/core';
// Loading the API module loads every request class of every library, with its rules.
import './api.module';

/**
 * Every validation rule of every request is explained in Indonesian and English: by the
 * catalogue (a length, a list of values, a type) or by its own words. A new DTO whose pattern
 * would answer only "is not in the documented format", or a custom rule with English alone,
 * fails here, not in front of an operator.
 */
describe('validation messages', () => {
  const storage = getMetadataStorage();
  // class-validator keeps its registry private; the map of classes to rules is the only index.
  const byClass = (storage as unknown as { validationMetadatas: Map<object, ValidationMetadata[]> })
    .validationMetadatas;
  // The environment's rules speak to the engineer who starts the service, in the logs' English.
  const rules = [...byClass.entries()]
    .filter(([target]) => (target as { name?: string }).name !== 'EnvironmentVariables')
    .flatMap(([, classRules]) => classRules);
  const OWN_TYPES = new Set<string>([ValidationTypes.CUSTOM_VALIDATION]);

  const where = (rule: ValidationMetadata) =>
    `${(rule.target as { name?: string }).name ?? String(rule.target)}.${rule.propertyName} ${rule.name ?? rule.type}`;

  it('finds the request classes (a guard against checking nothing)', () => {
    expect(rules.length).toBeGreaterThan(100);
  });

  it('explains every built-in and custom rule in both languages', () => {
    const unexplained = rules
      .filter((rule) => OWN_TYPES.has(rule.type))
      .filter((rule) => {
        const name = rule.name ?? '';
        if (typeof rule.message === 'string' || typeof rule.message === 'function') {
          const message =
            typeof rule.message === 'function'
              ? rule.message({
                  value: 'x',
                  constraints: rule.constraints,
                  property: rule.propertyName,
                  object: {},
                  targetName: '',
                })
              : rule.message;
          return !isBilingual(name, message);
        }
        if (isBilingual(name, undefined)) return false;
        // A custom rule (a NIK, distinct items) explains itself through its defaultMessage.
        return !storage.getTargetValidatorConstraints(rule.constraintCls).some((constraint) => {
          const own = (constraint.instance as { defaultMessage?: (a: unknown) => string })
            .defaultMessage;
          return (
            own !== undefined &&
            isBilingual(
              name,
              own.call(constraint.instance, {
                value: 'x',
                constraints: rule.constraints,
                property: rule.propertyName,
                object: {},
                targetName: '',
              }),
            )
          );
        });
      })
      .map(where);
    expect(unexplained).toEqual([]);
  });
});
