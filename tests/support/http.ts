import { hashPassword } from '../../server/src/modules/auth/passwords.ts';
import type { Role } from '@vigil/shared/enums';
import type { TestApp } from './app.ts';

// A signed-in HTTP client: keeps the session cookie and sends the CSRF token on writes.
export interface Client {
  userId: string;
  csrfToken: string;
  // the session cookie, for requests made without fetch (a raw upload cut off half-way)
  cookie: string;
  request: (
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<Response>;
  get: (path: string) => Promise<Response>;
}

let counter = 0;
const hashes = new Map<string, Promise<string>>();

export async function createUser(
  app: TestApp,
  fields: { role: Role; countries?: string[]; email?: string; password?: string; active?: boolean },
) {
  const password = fields.password ?? 'correct horse battery staple';
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  counter += 1;
  const user = await app.database.db.user.create({
    data: {
      email: fields.email ?? `${fields.role.toLowerCase()}${counter}-${Date.now()}@example.test`,
      name: `${fields.role} ${counter}`,
      role: fields.role,
      countries: fields.countries ?? [],
      active: fields.active ?? true,
      passwordHash: await hashes.get(password)!,
    },
  });
  return { ...user, password };
}

// only the app's address is needed: a server started as a process (server-process.ts) will do
export function anonymous(app: Pick<TestApp, 'url'>) {
  return (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${path}`, {
      method,
      // FormData sets its own multipart content type
      headers:
        body === undefined || body instanceof FormData
          ? headers
          : { 'content-type': 'application/json', ...headers },
      body:
        body === undefined
          ? undefined
          : typeof body === 'string' || body instanceof FormData
            ? body
            : JSON.stringify(body),
    });
}

export async function signIn(
  app: Pick<TestApp, 'url'>,
  email: string,
  password: string,
): Promise<Client> {
  const response = await anonymous(app)('POST', '/api/auth/login', { email, password });
  if (response.status !== 200)
    throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { user, csrfToken } = (await response.json()) as {
    user: { id: string };
    csrfToken: string;
  };
  const request: Client['request'] = (method, path, body, headers = {}) =>
    anonymous(app)(method, path, body, { cookie, 'x-csrf-token': csrfToken, ...headers });
  return { userId: user.id, csrfToken, cookie, request, get: (path) => request('GET', path) };
}

// A new user of the role, signed in.
export async function clientFor(app: TestApp, role: Role, countries: string[] = []) {
  const user = await createUser(app, { role, countries });
  const client = await signIn(app, user.email, user.password);
  return { ...client, user };
}

export type RoleClient = Awaited<ReturnType<typeof clientFor>>;
