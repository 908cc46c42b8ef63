import { HttpStatus, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { ApiResponse, ApiResponseOptions, SwaggerModule } from '@nestjs/swagger';
import openApiMetadata from './openapi-metadata';

// What the plugin says of the operation itself (swagger's loader applies those) rather than of
// its success answer.
const OPERATION_FIELDS = new Set(['summary', 'deprecated', 'tags']);

type PluginMetadata = Awaited<ReturnType<typeof openApiMetadata>>;
type ControllerMetadata = Record<string, Record<string, Record<string, unknown>>>;

/**
 * Gives the OpenAPI document what the swagger plugin gives it under `nest build`, for runs that
 * did not go through it (the tests, ts-node): the DTOs' properties, and each route's success
 * answer. Swagger's own loader adds a route's success answer only when the route lists no answer
 * at all — and every route lists its refusals (ApiErrorResponses) — while the plugin adds it
 * beside them; so the success answers are added here as the plugin adds them. Under `nest build`
 * this repeats what the plugin did, which changes nothing.
 */
export async function loadOpenApiMetadata(): Promise<void> {
  await SwaggerModule.loadPluginMetadata(openApiMetadata);
  const metadata = (await openApiMetadata()) as PluginMetadata & {
    '@nestjs/swagger': { controllers?: [Promise<Record<string, Function>>, ControllerMetadata][] };
  };
  for (const [file, classes] of metadata['@nestjs/swagger'].controllers ?? []) {
    const exported = await file;
    for (const [className, methods] of Object.entries(classes)) {
      const prototype = exported[className].prototype as Record<string, Function>;
      for (const [name, described] of Object.entries(methods)) {
        const response = Object.fromEntries(
          Object.entries(described).filter(([field]) => !OPERATION_FIELDS.has(field)),
        );
        const handler = prototype[name];
        ApiResponse({ status: statusOf(handler), ...response } as ApiResponseOptions)(
          prototype,
          name,
          Object.getOwnPropertyDescriptor(prototype, name)!,
        );
      }
    }
  }
}

/** The status a handler answers with when it succeeds, as Nest decides it. */
function statusOf(handler: Function): number {
  const declared = Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined;
  if (declared) return declared;
  const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
  return method === RequestMethod.POST ? HttpStatus.CREATED : HttpStatus.OK;
}
