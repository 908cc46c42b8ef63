import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { ApiModule } from './api.module';

/**
 * Every list a request may carry has a ceiling: an unbounded array (above all one checked for
 * uniqueness, which is quadratic) lets one request hold the event loop for seconds. This walks
 * every validated request class of the API — whatever module declares it — and names the lists
 * without `@ArrayMaxSize`, and those checked with the quadratic `@ArrayUnique`.
 */
describe('request bodies and queries', () => {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<Function, ValidationMetadata[]>;
  };

  it('are loaded for the whole API', () => {
    expect(ApiModule).toBeDefined();
    expect(storage.validationMetadatas.size).toBeGreaterThan(20);
  });

  it('bound every array they accept', () => {
    const unbounded = new Set<string>();
    for (const [target, metadatas] of storage.validationMetadatas) {
      const byProperty = new Map<string, ValidationMetadata[]>();
      for (const metadata of metadatas) {
        byProperty.set(metadata.propertyName, [
          ...(byProperty.get(metadata.propertyName) ?? []),
          metadata,
        ]);
      }
      for (const [property, rules] of byProperty) {
        const isList = rules.some((rule) => rule.each || rule.name === 'isArray');
        const bounded = rules.some((rule) => rule.name === 'arrayMaxSize');
        if (isList && !bounded) unbounded.add(`${target.name}.${property}`);
        // Quadratic, and run even on a list ArrayMaxSize refused: use IsDistinct instead.
        if (rules.some((rule) => rule.name === 'arrayUnique')) {
          unbounded.add(`${target.name}.${property} (ArrayUnique)`);
        }
      }
    }
    expect([...unbounded]).toEqual([]);
  });
});
