import { errorBody, errorCodes } from '@vigil/shared/errors';
import { z } from 'zod';
import type { Endpoint } from '../../http/routes.ts';

type JsonSchema = Record<string, unknown>;

// Everything the JSON Schema of a zod schema says, without the dialect marker: OpenAPI 3.1
// schemas are draft 2020-12 already.
function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    // a transform's output has no JSON Schema; it is then described as any value
    unrepresentable: 'any',
  }) as JsonSchema;
  return json;
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchemaOf(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: location,
      required: location === 'path' || (json.required ?? []).includes(name),
      ...(typeof description === 'string' && { description }),
      schema: propertySchema,
    };
  });
}

const errorSchemaRef = { $ref: '#/components/schemas/Error' };
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchemaRef } },
});

const writes = new Set(['post', 'put', 'patch', 'delete']);

// The answers the frame gives any endpoint (validation, session, CSRF, ability, missing
// records, stale versions) besides the endpoint's own success.
function errorResponsesOf(endpoint: Endpoint) {
  const write = writes.has(endpoint.method);
  return {
    ...((endpoint.params || endpoint.query || endpoint.body || write) && {
      400: errorResponse('VALIDATION (details list each field) or BAD_JSON'),
    }),
    ...(!endpoint.public && { 401: errorResponse('UNAUTHENTICATED: no valid session') }),
    ...(!endpoint.public && {
      403: errorResponse(
        write
          ? 'FORBIDDEN by the caller’s role, or CSRF: missing or wrong x-csrf-token'
          : 'FORBIDDEN by the caller’s role',
      ),
    }),
    ...(endpoint.params && {
      404: errorResponse('NOT_FOUND: no such record, or one the caller may not read'),
    }),
    ...(write &&
      !endpoint.public && {
        409: errorResponse('CONFLICT (stale version, duplicate) or INVALID_TRANSITION'),
      }),
    default: errorResponse('Any other error (TOO_LARGE, RATE_LIMITED, INTERNAL, UNAVAILABLE)'),
  };
}

function successResponseOf(endpoint: Endpoint) {
  const status = endpoint.status ?? (endpoint.response ? 200 : 204);
  const description = status === 201 ? 'Created' : status === 204 ? 'No content' : 'OK';
  return {
    [status]: {
      description,
      ...(endpoint.response && {
        content: { 'application/json': { schema: jsonSchemaOf(endpoint.response, 'output') } },
      }),
    },
  };
}

// `patch /api/users/{id}` → patchUsersById
function operationIdOf(endpoint: Endpoint): string {
  const words = endpoint.path
    .replace(/^\/api\//, '')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      const word = name ? `by ${name}` : part;
      return word.replace(/(?:^|\s)(\w)/g, (_all, first: string) => first.toUpperCase());
    });
  return `${endpoint.method}${words.join('')}`;
}

function operationOf(endpoint: Endpoint) {
  const tag = endpoint.path.split('/')[2] ?? 'api';
  const security = endpoint.public
    ? []
    : [writes.has(endpoint.method) ? { session: [], csrf: [] } : { session: [] }];
  const parameters = [
    ...parametersOf(endpoint.params, 'path'),
    ...parametersOf(endpoint.query, 'query'),
  ];
  return {
    operationId: operationIdOf(endpoint),
    summary: endpoint.summary,
    tags: [tag],
    security,
    ...(parameters.length > 0 && { parameters }),
    ...(endpoint.body && {
      requestBody: {
        required: true,
        content: { 'application/json': { schema: jsonSchemaOf(endpoint.body, 'input') } },
      },
    }),
    responses: { ...successResponseOf(endpoint), ...errorResponsesOf(endpoint) },
  };
}

export function openApiDocument(endpoints: Endpoint[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  const sorted = [...endpoints].sort((a, b) => a.path.localeCompare(b.path));
  for (const endpoint of sorted) {
    paths[endpoint.path] = { ...paths[endpoint.path], [endpoint.method]: operationOf(endpoint) };
  }
  return {
    openapi: '3.1.0' as const,
    info: {
      title: 'Vigil API',
      version: '1',
      description:
        'Case tracking for human rights defenders at risk. Generated from the zod schemas of ' +
        'every route. Errors always have the body {error: {code, message, details?}}; codes: ' +
        `${errorCodes.join(', ')}.`,
    },
    servers: [{ url: '/' }],
    tags: [...new Set(sorted.map((endpoint) => endpoint.path.split('/')[2] ?? 'api'))].map(
      (name) => ({ name }),
    ),
    paths,
    components: {
      schemas: { Error: jsonSchemaOf(errorBody, 'output') },
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'vigil_session',
          description: 'Set by POST /api/auth/login (HttpOnly)',
        },
        csrf: {
          type: 'apiKey',
          in: 'header',
          name: 'x-csrf-token',
          description: 'The csrfToken of login or GET /api/auth/me; every POST, PUT, PATCH, DELETE',
        },
      },
    },
  };
}
