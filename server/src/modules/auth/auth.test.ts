import { hash, parseOptions } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../../../prisma/seed/demo-accounts.ts';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { anonymous, createUser, signIn } from '../../../../tests/support/http.ts';
import { passwordHashOptions } from './passwords.ts';

interface ErrorResponse {
  error: { code: string; message: string; details?: unknown };
}

const login = (app: TestApp, body: unknown) => anonymous(app)('POST', '/api/auth/login', body);
const cookieOf = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0]!;

describe('sign-in', () => {
  let app: TestApp;
  const logLines: string[] = [];
  beforeAll(async () => {
    app = await startTestApp({ logStream: { write: (line) => logLines.push(line) } });
  });
  afterAll(() => app.close());

  it('when the password is right, then it answers the user, a CSRF token and a strict HttpOnly cookie', async () => {
    const user = await createUser(app, { role: 'RESEARCHER', countries: ['KH'] });
    const response = await login(app, { email: user.email.toUpperCase(), password: user.password });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { user: unknown; csrfToken: string };
    expect(body.user).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
      role: 'RESEARCHER',
      countries: ['KH'],
    });
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^vigil_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it('when a session is stored, then the table holds a hash of the cookie, never the cookie', async () => {
    const user = await createUser(app, { role: 'MANAGER' });
    const token = cookieOf(await login(app, { email: user.email, password: user.password })).split(
      '=',
    )[1]!;
    const sessions = await app.database.db.session.findMany({ where: { userId: user.id } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.id).not.toBe(token);
    expect(sessions[0]!.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when the same user signs in twice, then each sign-in gets a new session id', async () => {
    const user = await createUser(app, { role: 'MANAGER' });
    const first = cookieOf(await login(app, { email: user.email, password: user.password }));
    const second = cookieOf(await login(app, { email: user.email, password: user.password }));
    expect(first).not.toBe(second);
  });

  it('when the email is unknown or the password wrong, then both answer the same 401', async () => {
    const user = await createUser(app, { role: 'ADVOCACY' });
    const wrongPassword = await login(app, { email: user.email, password: 'not the password' });
    const wrongEmail = await login(app, { email: 'nobody@example.test', password: user.password });
    expect(wrongPassword.status).toBe(401);
    expect(wrongEmail.status).toBe(401);
    expect(await wrongPassword.json()).toEqual(await wrongEmail.json());
  });

  it('when the account is deactivated, then the right password is refused', async () => {
    const user = await createUser(app, { role: 'ADVOCACY', active: false });
    expect((await login(app, { email: user.email, password: user.password })).status).toBe(401);
  });

  it('when someone signs in or fails to, then the audit log has LOGIN and LOGIN_FAILED', async () => {
    const user = await createUser(app, { role: 'RESEARCHER' });
    await login(app, { email: user.email, password: 'wrong password' });
    await login(app, { email: user.email, password: user.password });
    const events = await app.database.db.auditEvent.findMany({
      where: { entityId: user.id },
      orderBy: { at: 'asc' },
    });
    expect(events.map((event) => event.action)).toEqual(['LOGIN_FAILED', 'LOGIN']);
    expect(events.every((event) => event.actorId === user.id)).toBe(true);
  });

  it('when the body is not valid, then it answers VALIDATION with each field', async () => {
    const response = await login(app, { email: '', password: 1, extra: true });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorResponse;
    expect(body.error.code).toBe('VALIDATION');
    const paths = (body.error.details as { path: string }[]).map((detail) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.password', 'body']));
  });

  it('when the body is not JSON or too large, then BAD_JSON and TOO_LARGE, without internals', async () => {
    const bad = await login(app, '{"email": ');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorResponse).error.code).toBe('BAD_JSON');
    const huge = await login(app, { email: 'a@b.test', password: 'x'.repeat(1_100_000) });
    expect(huge.status).toBe(413);
    const text = await huge.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: 'TOO_LARGE', message: expect.any(String) },
    });
    expect(text).not.toMatch(/node_modules|at \w+ \(/);
  });

  it('when requests are logged, then no password, cookie or CSRF token is in the log', async () => {
    const user = await createUser(app, {
      role: 'MANAGER',
      password: 'a secret that must not leak',
    });
    const client = await signIn(app, user.email, user.password);
    await client.get('/api/auth/me');
    const log = logLines.join('\n');
    expect(log).toContain('/api/auth/me');
    expect(log).not.toContain('a secret that must not leak');
    expect(log).not.toContain(client.csrfToken);
    expect(log).not.toContain('vigil_session=');
  });
});

describe('password hashes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it("when a password is stored, then it is argon2id at OWASP's minimum: 19 MiB, 2 passes, 1 lane", async () => {
    const account = await createUser(app, { role: 'ADMIN' });
    const admin = await signIn(app, account.email, account.password);
    const response = await admin.request('POST', '/api/users', {
      email: `hashed${Date.now()}@example.test`,
      role: 'RESEARCHER',
      password: 'a long enough password',
    });
    const { id } = (await response.json()) as { id: string };
    const { passwordHash } = await app.database.db.user.findUniqueOrThrow({ where: { id } });
    expect(passwordHash).toMatch(/^\$argon2id\$/);
    expect(parseOptions(passwordHash)).toMatchObject({
      memoryCost: 19456,
      timeCost: 2,
      parallelism: 1,
    });
  });

  it('when a hash was made with weaker parameters, then the next sign-in replaces it with a current one', async () => {
    const user = await createUser(app, { role: 'MANAGER' });
    // the library's defaults of old: 4 MiB, 3 passes
    const weak = await hash(user.password, {
      ...passwordHashOptions,
      memoryCost: 4096,
      timeCost: 3,
    });
    await app.database.db.user.update({ where: { id: user.id }, data: { passwordHash: weak } });
    await signIn(app, user.email, user.password);
    const { passwordHash } = await app.database.db.user.findUniqueOrThrow({
      where: { id: user.id },
    });
    expect(passwordHash).not.toBe(weak);
    expect(parseOptions(passwordHash)).toMatchObject({ memoryCost: 19456, timeCost: 2 });
    expect((await signIn(app, user.email, user.password)).userId).toBe(user.id);
  });
});

describe("changing one's own password", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const change = (client: Awaited<ReturnType<typeof signIn>>, body: unknown) =>
    client.request('POST', '/api/auth/password', body);

  it('when the current password is right, then the new one works, the old one does not, and the caller stays signed in with a new session', async () => {
    const user = await createUser(app, { role: 'ADVOCACY' });
    const client = await signIn(app, user.email, user.password);
    const response = await change(client, {
      currentPassword: user.password,
      newPassword: 'my new and longer passphrase',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { user: { id: string }; csrfToken: string };
    expect(body.user.id).toBe(user.id);
    expect(body.csrfToken).not.toBe(client.csrfToken);
    const cookie = cookieOf(response);
    expect(cookie).toMatch(/^vigil_session=/);
    expect(cookie).not.toBe(client.cookie);
    const me = await anonymous(app)('GET', '/api/auth/me', undefined, { cookie });
    expect(me.status).toBe(200);
    expect((await login(app, { email: user.email, password: user.password })).status).toBe(401);
    expect(
      (await login(app, { email: user.email, password: 'my new and longer passphrase' })).status,
    ).toBe(200);
  });

  it.each([
    [
      'a wrong current password',
      { currentPassword: 'not my password at all', newPassword: 'my new and longer passphrase' },
      'body.currentPassword',
    ],
    ['a short new password', { newPassword: 'too short' }, 'body.newPassword'],
    ['a common new password', { newPassword: 'qwertyuiop12345' }, 'body.newPassword'],
    ['the same password again', {}, 'body.newPassword'],
    ['an unknown field', { newPassword: 'my new and longer passphrase', role: 'ADMIN' }, 'body'],
  ])(
    'when the body has %s, then it is 400 on the field and nothing changes',
    async (_case, fields, path) => {
      const user = await createUser(app, { role: 'RESEARCHER' });
      const client = await signIn(app, user.email, user.password);
      const response = await change(client, {
        currentPassword: user.password,
        newPassword: user.password,
        ...fields,
      });
      expect(response.status).toBe(400);
      const error = ((await response.json()) as ErrorResponse).error;
      expect(error.code).toBe('VALIDATION');
      expect(error.details).toContainEqual(expect.objectContaining({ path }));
      expect((await client.get('/api/auth/me')).status).toBe(200);
    },
  );

  it('when the CSRF token is missing, then it is 403 and nothing changes', async () => {
    const user = await createUser(app, { role: 'RESEARCHER' });
    const client = await signIn(app, user.email, user.password);
    const forged = await client.request(
      'POST',
      '/api/auth/password',
      { currentPassword: user.password, newPassword: 'my new and longer passphrase' },
      { 'x-csrf-token': 'forged' },
    );
    expect(forged.status).toBe(403);
    expect((await signIn(app, user.email, user.password)).userId).toBe(user.id);
  });
});

describe('the session', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('when there is no session, then /auth/me answers 401 UNAUTHENTICATED', async () => {
    const response = await anonymous(app)('GET', '/api/auth/me');
    expect(response.status).toBe(401);
    expect(((await response.json()) as ErrorResponse).error.code).toBe('UNAUTHENTICATED');
  });

  it("when signed in, then /auth/me answers the user, the CSRF token and the role's packed rules", async () => {
    const user = await createUser(app, { role: 'RESEARCHER', countries: ['KH', 'TH'] });
    const client = await signIn(app, user.email, user.password);
    const body = (await (await client.get('/api/auth/me')).json()) as {
      user: { id: string };
      csrfToken: string;
      rules: unknown[][];
    };
    expect(body.user.id).toBe(user.id);
    expect(body.csrfToken).toBe(client.csrfToken);
    expect(body.rules.length).toBeGreaterThan(3);
    expect(JSON.stringify(body.rules)).toContain('"KH","TH"');
  });

  it('when signing out without the CSRF token, then it is refused and the session lives on', async () => {
    const user = await createUser(app, { role: 'MANAGER' });
    const client = await signIn(app, user.email, user.password);
    const response = await client.request('POST', '/api/auth/logout', undefined, {
      'x-csrf-token': 'forged',
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as ErrorResponse).error.code).toBe('CSRF');
    expect((await client.get('/api/auth/me')).status).toBe(200);
  });

  it('when signing out, then the session is destroyed on the server', async () => {
    const user = await createUser(app, { role: 'MANAGER' });
    const client = await signIn(app, user.email, user.password);
    expect((await client.request('POST', '/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/auth/me')).status).toBe(401);
    expect(await app.database.db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it('when idle for more than 30 minutes, then the session has ended', async () => {
    const user = await createUser(app, { role: 'ADMIN' });
    const client = await signIn(app, user.email, user.password);
    await app.database.db.session.updateMany({
      where: { userId: user.id },
      data: { lastSeenAt: new Date(Date.now() - 31 * 60 * 1000) },
    });
    expect((await client.get('/api/auth/me')).status).toBe(401);
    expect(await app.database.db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it('when active but 12 hours old, then the session has ended', async () => {
    const user = await createUser(app, { role: 'ADMIN' });
    const client = await signIn(app, user.email, user.password);
    await app.database.db.session.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('when a state-changing request has no session, then it is 401 before anything else', async () => {
    const response = await anonymous(app)('POST', '/api/auth/logout');
    expect(response.status).toBe(401);
  });

  it('when an API path does not exist, then 404 NOT_FOUND in the error shape', async () => {
    const response = await anonymous(app)('GET', '/api/no-such-thing');
    expect(response.status).toBe(404);
    expect(((await response.json()) as ErrorResponse).error.code).toBe('NOT_FOUND');
  });
});

describe('rate limiting', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('when an account has failed five times from one address, then even the right password gets 429 from that address', async () => {
    const user = await createUser(app, { role: 'RESEARCHER' });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await login(app, { email: user.email, password: 'guess' })).status).toBe(401);
    }
    const blocked = await login(app, { email: user.email, password: user.password });
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as ErrorResponse).error.code).toBe('RATE_LIMITED');
  });

  it('when one address tries many accounts, then it is limited too', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 32; attempt += 1) {
      const response = await login(app, {
        email: `spray${attempt}@example.test`,
        password: 'guess',
      });
      statuses.push(response.status);
    }
    expect(statuses).toContain(429);
  });
});

describe('in production', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ production: true });
  });
  afterAll(() => app.close());

  it('when an account uses the demo password, then sign-in is refused', async () => {
    const user = await createUser(app, { role: 'ADMIN', password: demoPassword });
    expect((await login(app, { email: user.email, password: demoPassword })).status).toBe(401);
  });
});
