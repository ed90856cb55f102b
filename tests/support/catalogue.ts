import { z } from 'zod';
import type { Endpoint } from '../../server/src/http/routes.ts';

// What the catalogue says about an endpoint's inputs, as JSON Schema (input side).
export function inputProperties(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
  };
  return Object.keys(json.properties ?? {});
}

export function pathParams(endpoint: Endpoint): string[] {
  return [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
}

// every byte percent-encoded, so that even lone surrogates and slashes reach the server as data
const encodeSegment = (value: string) =>
  [...Buffer.from(value)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

export function fillPath(endpoint: Endpoint, values: Record<string, string>): string {
  return endpoint.path.replace(/\{(\w+)\}/g, (_whole, name: string) =>
    encodeSegment(values[name] ?? 'missing'),
  );
}
