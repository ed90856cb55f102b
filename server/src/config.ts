import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { roles } from '@vigil/shared/enums';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// a comma-separated list, blanks dropped
const commaList = z.string().transform((list) =>
  list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean),
);

const environment = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    // unset: an embedded PostgreSQL in DATA_DIR/postgres
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    // the role that owns the tables and migrates them; DATABASE_URL's role then only serves
    DATABASE_OWNER_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DATA_DIR: z.string().default(path.join(projectRoot, 'data')),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    // the number of proxies in front of the app, so that client addresses and HTTPS are seen
    TRUST_PROXY: z.coerce.number().int().min(0).default(0),
    // origins besides the app's own whose pages may send writes to the API (comma-separated,
    // e.g. https://vigil.example.org when the app is also reached under another name)
    ALLOWED_ORIGINS: commaList
      .pipe(
        z.array(
          z.url().refine((url) => new URL(url).origin === url, {
            message:
              'an origin is a scheme, a host and a port only, e.g. https://vigil.example.org',
          }),
        ),
      )
      .default([]),
    // base64 of 32 bytes: encrypts attachments at rest; required in production (outside it, a
    // key is generated once into DATA_DIR/data-key)
    VIGIL_DATA_KEY: z.string().optional(),
    // base64 keys that values and files may still be sealed under, while `npm run keys:rotate`
    // re-seals them under VIGIL_DATA_KEY (comma-separated)
    VIGIL_PREVIOUS_DATA_KEYS: commaList.default([]),
    // roles that must sign in with a second factor (comma-separated; unset: ADMIN and MANAGER
    // in production, none elsewhere, so that the demo accounts stay usable)
    TWO_FACTOR_REQUIRED_ROLES: commaList.pipe(z.array(z.enum(roles))).optional(),
    // the largest attachment accepted, in bytes (50 MB)
    ATTACHMENT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(50 * 1024 * 1024),
    // set: attachments go to this bucket of an S3-compatible store (credentials from the usual
    // AWS_* variables) instead of DATA_DIR/attachments
    ATTACHMENT_S3_BUCKET: z.string().min(3).optional(),
    // another S3-compatible service than AWS (MinIO, Ceph...): its URL, addressed path-style
    ATTACHMENT_S3_ENDPOINT: z.url().optional(),
    ATTACHMENT_S3_REGION: z.string().default('us-east-1'),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.DATABASE_URL, {
    message: 'DATABASE_URL is required when NODE_ENV=production',
    path: ['DATABASE_URL'],
  })
  .refine((env) => !env.DATABASE_OWNER_URL || env.DATABASE_URL, {
    message: 'DATABASE_OWNER_URL needs DATABASE_URL (the serving role) beside it',
    path: ['DATABASE_OWNER_URL'],
  });

export type Config = z.infer<typeof environment>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
