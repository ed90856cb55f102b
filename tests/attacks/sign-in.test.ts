// Attacks on sign-in and sessions, as an attacker would make them: parallel guesses, a lockout
// forced on someone else, a fixed session, and sessions that outlive what should end them.
// Requests come from distinct loopback addresses (127.0.0.x) so that the server sees distinct
// clients without trusting any proxy header.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addressBook, sendFrom, type Answer } from '../support/from-address.ts';
import { clientFor, createUser, signIn } from '../support/http.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

// a client address of its own for each caller of a test
const freshAddress = addressBook();

const send = (
  address: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  target: TestApp = app,
) => sendFrom(target, address, method, path, body, headers);

const login = (address: string, email: string, password: string) =>
  send(address, 'POST', '/api/auth/login', { email, password });

const count = (answers: Answer[], status: number) =>
  answers.filter((answer) => answer.status === status).length;

const failedEventsFrom = (ip: string) =>
  app.database.db.auditEvent.findMany({ where: { action: 'LOGIN_FAILED', ip } });

describe('parallel guessing', () => {
  it('when one address sends 40 wrong sign-ins at once, then at most 30 passwords are checked and the rest are refused', async () => {
    const address = freshAddress();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        login(address, `spray${n}@example.test`, 'a wrong guess at it'),
      ),
    );
    expect(count(answers, 401)).toBeLessThanOrEqual(30);
    expect(count(answers, 401) + count(answers, 429)).toBe(40);
  });

  it('when 20 guesses at one account arrive at once from one address, then at most 5 passwords are checked', async () => {
    const user = await createUser(app, { role: 'MANAGER' });
    const address = freshAddress();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) => login(address, user.email, `wrong guess number ${n}`)),
    );
    expect(count(answers, 401)).toBeLessThanOrEqual(5);
    expect(count(answers, 429)).toBeGreaterThanOrEqual(15);
  });
});

describe('guessing the current password with a stolen session', () => {
  it('when 12 password changes with wrong current passwords arrive at once, then at most 5 are checked', async () => {
    const user = await createUser(app, { role: 'MANAGER' });
    const stolen = await signIn(app, user.email, user.password);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        stolen.request('POST', '/api/auth/password', {
          currentPassword: `a guess at it, number ${n}`,
          newPassword: 'the thief would like this one',
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 400).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(7);
    // the owner, elsewhere, is not locked out by the thief's guesses
    expect((await login(freshAddress(), user.email, user.password)).status).toBe(200);
  });
});

describe('a lockout forced on someone else', () => {
  it('when an account has been guessed at from other addresses, then its owner still signs in from theirs', async () => {
    const user = await createUser(app, { role: 'ADMIN' });
    for (const attacker of [freshAddress(), freshAddress(), freshAddress()]) {
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => login(attacker, user.email, 'not the password at all')),
      );
      expect(count(answers, 200)).toBe(0);
    }
    const owner = await login(freshAddress(), user.email, user.password);
    expect(owner.status, owner.body).toBe(200);
  });

  it('when an account has failed many times across addresses, then further attempts are slowed down, not refused', async () => {
    const user = await createUser(app, { role: 'RESEARCHER' });
    for (let attacker = 0; attacker < 3; attacker += 1) {
      const address = freshAddress();
      await Promise.all(
        Array.from({ length: 5 }, () => login(address, user.email, 'not the password at all')),
      );
    }
    const owner = await login(freshAddress(), user.email, user.password);
    expect(owner.status, owner.body).toBe(200);
    expect(owner.ms).toBeGreaterThanOrEqual(1000);
  });
});

describe('what the audit log keeps of failures', () => {
  it('when attempts are throttled, then the first refusal of the burst is recorded once, without the password', async () => {
    const user = await createUser(app, { role: 'ADVOCACY' });
    const address = freshAddress();
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => login(address, user.email, 'a typed secret guess')),
    );
    expect(count(answers, 429)).toBeGreaterThan(1);
    const events = await failedEventsFrom(address);
    const throttled = events.filter(
      (event) => (event.changes as { reason?: string } | null)?.reason === 'RATE_LIMITED',
    );
    expect(throttled).toHaveLength(1);
    expect(throttled[0]!.entityId).toBe(user.id);
    expect(JSON.stringify(events)).not.toContain('a typed secret guess');
  });

  it('when a sign-in fails, then the log names the account by id, and an unknown email not at all', async () => {
    const user = await createUser(app, { role: 'ADVOCACY' });
    const address = freshAddress();
    await login(address, user.email, 'not the password at all');
    await login(address, 'someone.unknown@example.test', 'not the password at all');
    const events = await failedEventsFrom(address);
    expect(events.map((event) => event.entityId).sort()).toEqual([null, user.id].sort());
    const logged = JSON.stringify(events);
    expect(logged).not.toContain(user.email);
    expect(logged).not.toContain('someone.unknown');
  });
});

describe('sessions', () => {
  it('when a cookie value was planted before sign-in, then sign-in never adopts it', async () => {
    const user = await createUser(app, { role: 'MANAGER' });
    const planted = 'vigil_session=planted-by-the-attacker-0123456789abcdefghijklmnop';
    const answer = await send(
      freshAddress(),
      'POST',
      '/api/auth/login',
      { email: user.email, password: user.password },
      { cookie: planted },
    );
    expect(answer.status).toBe(200);
    expect(answer.cookie).toMatch(/^vigil_session=/);
    expect(answer.cookie).not.toBe(planted);
    expect(
      (await send(freshAddress(), 'GET', '/api/auth/me', undefined, { cookie: planted })).status,
    ).toBe(401);
  });

  it('when signed out, then the old cookie is refused', async () => {
    const user = await createUser(app, { role: 'MANAGER' });
    const client = await signIn(app, user.email, user.password);
    expect((await client.request('POST', '/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('when the user changes their password, then every session opened before is refused (the caller holds only the new one)', async () => {
    const user = await createUser(app, { role: 'RESEARCHER', countries: ['KH'] });
    const laptop = await signIn(app, user.email, user.password);
    const phone = await signIn(app, user.email, user.password);
    const changed = await laptop.request('POST', '/api/auth/password', {
      currentPassword: user.password,
      newPassword: 'another long passphrase of mine',
    });
    expect(changed.status).toBe(200);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    expect((await laptop.get('/api/auth/me')).status).toBe(401);
    expect(await app.database.db.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("when an admin resets the user's password, then the user's sessions are refused", async () => {
    const admin = await clientFor(app, 'ADMIN');
    const user = await createUser(app, { role: 'MANAGER' });
    const session = await signIn(app, user.email, user.password);
    const reset = await admin.request('POST', `/api/users/${user.id}/password`, {
      password: 'a one-time password from the admin',
    });
    expect(reset.status).toBe(204);
    expect((await session.get('/api/auth/me')).status).toBe(401);
    expect(await app.database.db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it('when the user is deactivated, then their session is refused', async () => {
    const admin = await createUser(app, { role: 'ADMIN' });
    const adminClient = await signIn(app, admin.email, admin.password);
    const user = await createUser(app, { role: 'RESEARCHER', countries: ['KH'] });
    const client = await signIn(app, user.email, user.password);
    expect((await adminClient.request('DELETE', `/api/users/${user.id}`)).status).toBe(204);
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });
});

describe('the session cookie behind HTTPS', () => {
  let secureApp: TestApp;
  beforeAll(async () => {
    secureApp = await startTestApp({ trustProxy: 1 });
  });
  afterAll(() => secureApp.close());

  const overHttps = { 'x-forwarded-proto': 'https' };

  it('when the request came over HTTPS through the trusted proxy, then the cookie is __Host- with Secure, Path=/ and no Domain, and it is the one read', async () => {
    const user = await createUser(secureApp, { role: 'MANAGER' });
    const address = freshAddress();
    const answer = await send(
      address,
      'POST',
      '/api/auth/login',
      { email: user.email, password: user.password },
      overHttps,
      secureApp,
    );
    expect(answer.status).toBe(200);
    expect(answer.setCookie).toMatch(/^__Host-vigil_session=[\w-]{40,};/);
    expect(answer.setCookie).toMatch(/; Secure/i);
    expect(answer.setCookie).toMatch(/; Path=\/(;|$)/);
    expect(answer.setCookie).not.toMatch(/Domain=/i);
    const token = answer.cookie!.split('=')[1]!;
    const me = (cookie: string) =>
      send(address, 'GET', '/api/auth/me', undefined, { ...overHttps, cookie }, secureApp);
    expect((await me(answer.cookie!)).status).toBe(200);
    // the bare name, which a plain-http page or a sibling subdomain could set, is not read
    expect((await me(`vigil_session=${token}`)).status).toBe(401);
  });

  it('when the request came over plain http, then the cookie keeps its bare name', async () => {
    const user = await createUser(secureApp, { role: 'MANAGER' });
    const answer = await send(
      freshAddress(),
      'POST',
      '/api/auth/login',
      { email: user.email, password: user.password },
      {},
      secureApp,
    );
    expect(answer.cookie).toMatch(/^vigil_session=/);
    expect(answer.setCookie).not.toMatch(/Secure/i);
  });
});
