import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';

/** The refusals the OpenAPI document lists (docs/api.md, "Errors"). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503;

/** One field-level problem of a 400. */
export class ErrorDetailDoc {
  @ApiProperty({ example: 'location.lat' })
  field: string;

  @ApiProperty({ example: 'lat must be a latitude between -90 and 90' })
  problem: string;
}

/** The one error shape of every refusal outside /open311 (ErrorBody, written by the filter). */
export class ErrorBodyDoc {
  @ApiProperty({ description: 'Equals the HTTP status', example: 400 })
  statusCode: number;

  @ApiProperty({ description: 'Stable, for programs', example: 'VALIDATION_FAILED' })
  code: string;

  @ApiProperty({
    description: 'One sentence for people, in the language Accept-Language asks for (id or en)',
    example: 'The request is invalid in 1 place; see details',
  })
  message: string;

  @ApiProperty({
    type: [ErrorDetailDoc],
    description: 'Field-level problems ({ field, problem }); other codes may add their own facts',
  })
  details: ErrorDetailDoc[];

  @ApiProperty({
    description: 'The id the service gave the request, also in X-Request-Id',
    example: '3f0c2b9e-5d1a-4c57-9d0e-6a1b2c3d4e5f',
  })
  requestId: string;
}

/** One error of an Open311 answer (GeoReport v2: a list of these). */
export class GeoReportErrorDoc {
  @ApiProperty({ description: 'The HTTP status', example: 400 })
  code: number;

  @ApiProperty({ example: 'lat must be a latitude between -90 and 90' })
  description: string;
}

// What each status means across the API; a route adds only the statuses that can happen on it.
const WHEN: Record<ErrorStatus, string> = {
  400: 'VALIDATION_FAILED (each wrong field, parameter or header named in details) or MALFORMED_BODY',
  401: 'No token, or a malformed, expired or forged one (UNAUTHORIZED, INVALID_TOKEN)',
  403: "The caller's role may not call the route, or may not take this step (FORBIDDEN, ACTION_NOT_ALLOWED)",
  404: "Unknown, or not the caller's to see: the two are not told apart",
  409: "The step does not fit the resource's state, someone changed it meanwhile (VERSION_CONFLICT), or the request repeats another differently",
  413: 'The body is over its limit (1 MB for JSON; uploads have their own)',
  415: 'A compressed body, a charset other than UTF-8, or a body that is not JSON where JSON is expected',
  429: 'Over the rate limit, or too many refused credentials from one address; see Retry-After',
  503: 'PostgreSQL (or Redis, where needed) is unavailable: nothing was written; see Retry-After',
};

/**
 * Lists refusals of a route (or of every route of a controller) in the OpenAPI document with the
 * error shape, so that clients can generate their error handling from /docs-json. `when` replaces
 * the general wording for a status where the route has its own reasons.
 */
export function ApiErrorResponses(
  statuses: ErrorStatus[],
  when: Partial<Record<ErrorStatus, string>> = {},
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: when[status] ?? WHEN[status], type: ErrorBodyDoc }),
    ),
  );
}

/** The same for the Open311 routes, which answer errors in GeoReport's format. */
export function ApiGeoReportErrorResponses(
  statuses: ErrorStatus[],
  when: Partial<Record<ErrorStatus, string>> = {},
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: when[status] ?? WHEN[status],
        type: GeoReportErrorDoc,
        isArray: true,
      }),
    ),
  );
}

/** A route that takes a JSON body: it can be malformed, too large, or of the wrong type. */
export const ApiJsonBodyErrors = () => ApiErrorResponses([400, 413, 415]);

/**
 * Every route behind a token: the token can be missing or refused (401), the role wrong (403),
 * the caller over its rate limit (429).
 */
export const ApiSignedInErrors = () => ApiErrorResponses([401, 403, 429]);
