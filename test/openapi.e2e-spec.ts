import SwaggerParser from '@apidevtools/swagger-parser';
import { getMetadataStorage } from 'class-validator';
import { Route, routesOf } from '@crm/core';
import { startTestApi, TestApi } from './support/test-api';

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, unknown>;
  items?: Schema;
}
interface Operation {
  tags?: string[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const WRITES = new Set(['post', 'put', 'patch']);

function routeOf(routes: Route[], method: string, path: string): Route {
  const route = routes.find(
    (r) => r.method === method.toUpperCase() && r.path.replace(/:(\w+)/g, '{$1}') === path,
  );
  if (!route) throw new Error(`${method} ${path} is documented but not served`);
  return route;
}

/**
 * The OpenAPI document is complete enough for a client to be generated from it: every operation
 * tagged, every body described field by field, every refusal a caller can meet listed with the
 * error shape.
 */
describe('the OpenAPI document (/docs-json)', () => {
  let api: TestApi;
  let document: Document;
  let operations: { method: string; path: string; operation: Operation }[];

  const schemaOf = (schema: Schema): Schema =>
    schema.$ref ? document.components.schemas[schema.$ref.split('/').pop()!] : schema;

  beforeAll(async () => {
    api = await startTestApi();
    const res = await api.http().get('/docs-json');
    expect(res.status).toBe(200);
    document = res.body as Document;
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ method, path, operation })),
    );
  });
  afterAll(() => api.close());

  it('is valid OpenAPI and describes every route the service serves', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    const documented = operations.map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    const served = routesOf(api.app).map(
      ({ method, path }) => `${method} ${path.replace(/:(\w+)/g, '{$1}')}`,
    );
    expect(documented.sort()).toEqual(served.sort());
  });

  it('tags every operation with its area', () => {
    const untagged = operations.filter(({ operation }) => !operation.tags?.length);
    expect(untagged.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
  });

  it('describes the body of every POST, PUT and PATCH with its properties', () => {
    const routes = routesOf(api.app);
    const problems = operations
      .filter(({ method }) => WRITES.has(method))
      .flatMap(({ method, path, operation }) => {
        const name = `${method.toUpperCase()} ${path}`;
        const route = routeOf(routes, method, path);
        // A step whose handler reads no body (accept) has none to describe: the edge never
        // parses one for it. Uploads read theirs as files, and describe it (multipart).
        if (!route.takesBody && !operation.requestBody) return [];
        const contents = Object.values(operation.requestBody?.content ?? {});
        if (!contents.length) return [`${name}: no request body`];
        return contents
          .map(({ schema }) => schemaOf(schema))
          .filter((schema) => !Object.keys(schema?.properties ?? {}).length)
          .map(() => `${name}: a body without properties`);
      });
    expect(problems).toEqual([]);
  });

  it('lists exactly the fields the validator accepts for each described body', () => {
    // A stale description (tools/openapi-metadata.ts not run after a DTO changed) shows here: the
    // validator, not the document, decides what a body may hold.
    const storage = getMetadataStorage();
    const bodies = new Set(
      operations.flatMap(({ operation }) =>
        Object.values(operation.requestBody?.content ?? {})
          .map(({ schema }) => schema.$ref?.split('/').pop())
          .filter((name): name is string => !!name),
      ),
    );
    expect(bodies.size).toBeGreaterThan(15);
    const targets = new Map<string, Function>();
    for (const metadata of (
      storage as unknown as { validationMetadatas: Map<Function, unknown> }
    ).validationMetadatas.keys()) {
      targets.set(metadata.name, metadata);
    }
    for (const name of bodies) {
      const target = targets.get(name);
      expect({ name, found: !!target }).toEqual({ name, found: true });
      const accepted = new Set(
        storage.getTargetValidationMetadatas(target!, '', true, false).map((m) => m.propertyName),
      );
      const described = Object.keys(document.components.schemas[name].properties ?? {});
      expect({ name, fields: described.sort() }).toEqual({ name, fields: [...accepted].sort() });
    }
  });

  it('lists the success answer of every operation', () => {
    // Listing the refusals must not hide what the route answers when it succeeds.
    const without = operations.filter(
      ({ operation }) => !Object.keys(operation.responses).some((status) => /^2/.test(status)),
    );
    expect(without.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
  });

  it('lists the refusals of every operation, with the error shape', () => {
    const routes = routesOf(api.app);
    const problems = operations.flatMap(({ method, path, operation }) => {
      const name = `${method.toUpperCase()} ${path}`;
      const route = routeOf(routes, method, path);
      const listed = Object.keys(operation.responses);
      const expected: string[] = [];
      const takesInput =
        !!operation.requestBody || !!operation.parameters?.some((p) => p.in === 'query');
      if (takesInput) expected.push('400');
      if (route.rule?.kind === 'roles') expected.push('401', '403');
      if (operation.requestBody) expected.push('413', '415');
      if (operation.parameters?.some((p) => p.in === 'path') && !takesInput) {
        // A path parameter the route does not know is one of these two, depending on the route.
        if (!listed.includes('400') && !listed.includes('404')) expected.push('400 or 404');
      }
      const missing = expected.filter((status) => !listed.includes(status));
      const shapeless = listed
        .filter((status) => Number(status) >= 400)
        .filter((status) => {
          const schema = Object.values(operation.responses[status].content ?? {})[0]?.schema;
          const body = schema && schemaOf(schema.type === 'array' ? schema.items! : schema);
          const fields = Object.keys(body?.properties ?? {}).sort();
          return (
            fields.join() !== 'code,details,message,requestId,statusCode' &&
            // Open311 answers errors in GeoReport's format instead (docs/open311.md).
            !(path.startsWith('/open311/') && fields.join() === 'code,description')
          );
        });
      return [
        ...missing.map((status) => `${name}: no ${status}`),
        ...shapeless.map((status) => `${name}: ${status} without the error shape`),
      ];
    });
    expect(problems).toEqual([]);
  });
});
