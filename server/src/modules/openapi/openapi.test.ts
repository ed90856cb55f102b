import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEndpoints } from '../../http/routes.ts';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';

interface Operation {
  operationId: string;
  security: unknown[];
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) =>
      key === '$ref' && typeof child === 'string' ? [child] : refsIn(child),
    );
  }
  return [];
}

function resolve(document: Document, ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
}

describe('GET /api/openapi.json', () => {
  let app: TestApp;
  let response: Response;
  let text: string;
  let document: Document;

  beforeAll(async () => {
    app = await startTestApp();
    response = await fetch(`${app.url}/api/openapi.json`);
    text = await response.text();
    document = JSON.parse(text) as Document;
  });
  afterAll(() => app.close());

  it('when fetched without a session, then it is an OpenAPI 3.1.0 JSON document', () => {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'Vigil API', version: '1' });
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it('when compared with the catalogue, then every endpoint is there and nothing else', () => {
    const endpoints = listEndpoints();
    expect(endpoints.length).toBeGreaterThan(20);
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).toEqual(
      endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`).sort(),
    );
  });

  it('when an endpoint has path parameters, a body or a response, then the document says so', () => {
    for (const endpoint of listEndpoints()) {
      const operation = document.paths[endpoint.path]![endpoint.method]!;
      const pathParams = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const declared = (operation.parameters ?? []).filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name)).toEqual(pathParams);
      expect(declared.every((p) => p.required)).toBe(true);
      expect(Boolean(operation.requestBody)).toBe(Boolean(endpoint.body));
      const status = String(endpoint.status ?? (endpoint.response ? 200 : 204));
      expect(operation.responses[status], `${endpoint.method} ${endpoint.path}`).toBeDefined();
      expect(Boolean(operation.responses[status]!.content)).toBe(Boolean(endpoint.response));
      expect(operation.responses.default).toBeDefined();
      if (!endpoint.public) {
        expect(operation.responses['401']).toBeDefined();
        expect(operation.security).not.toEqual([]);
      }
    }
  });

  it('when a query schema has filters, then they are query parameters with their schema', () => {
    const list = document.paths['/api/advocacy']!.get!;
    const names = (list.parameters ?? []).map((parameter) => parameter.name);
    expect(names).toEqual(expect.arrayContaining(['kind', 'incidentId', 'limit', 'cursor']));
    const patch = document.paths['/api/users/{id}']!.patch!;
    expect(patch.requestBody!.content['application/json']!.schema).toMatchObject({
      type: 'object',
      required: ['version'],
      additionalProperties: false,
    });
  });

  it('when one defender or incident is read, then include=sensitive is its one optional query parameter', () => {
    for (const path of ['/api/defenders/{id}', '/api/incidents/{id}']) {
      const query = (document.paths[path]!.get!.parameters ?? []).filter((p) => p.in === 'query');
      expect(query, path).toEqual([
        expect.objectContaining({
          name: 'include',
          required: false,
          schema: { type: 'string', const: 'sensitive' },
        }),
      ]);
    }
  });

  it('when incidents are listed, then author, return and advocacy-link filters are documented', () => {
    const parameters = document.paths['/api/incidents']!.get!.parameters ?? [];
    const schemaOf = (name: string) => parameters.find((p) => p.name === name) as unknown;
    for (const name of ['returned', 'linkedToAdvocacy']) {
      expect(schemaOf(name), name).toMatchObject({
        in: 'query',
        required: false,
        schema: { type: 'string', enum: ['true', 'false'] },
      });
    }
    expect(schemaOf('createdById')).toMatchObject({ in: 'query', required: false });
    expect(schemaOf('sort')).toMatchObject({
      schema: { enum: expect.arrayContaining(['createdAt', '-createdAt']) },
    });
  });

  it('when the document refers to a schema, then the reference resolves', () => {
    const refs = refsIn(document);
    expect(refs).toContain('#/components/schemas/Error');
    for (const ref of new Set(refs)) expect(resolve(document, ref), ref).toBeDefined();
  });

  it('when operations are named, then every operationId is unique', () => {
    const ids = Object.values(document.paths).flatMap((operations) =>
      Object.values(operations).map((operation) => operation.operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });
});
