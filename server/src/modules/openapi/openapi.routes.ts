import { z } from 'zod';
import { createRoutes, listEndpoints } from '../../http/routes.ts';
import { openApiDocument } from './openapi.document.ts';

export const openapiRoutes = createRoutes('/openapi.json');

const openApiOutput = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

// Built per request from the catalogue, so that it always describes every mounted route.
openapiRoutes.get(
  '/',
  {
    summary: 'This API as an OpenAPI 3.1 document, generated from the zod schemas',
    response: openApiOutput,
    public: true,
  },
  () => openApiDocument(listEndpoints()),
);
