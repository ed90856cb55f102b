import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { anonymous, createUser, signIn, type Client } from '../../../../tests/support/http.ts';
import { codeAt, enrol } from '../../../../tests/support/two-factor.ts';
import { configuredFieldCipher } from '../../security/field-cipher.ts';
import { twoFactorPolicy, totpSecretPlace } from './two-factor.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

// The time the app checks codes against: moved by the tests, never waited for. It starts in the
// middle of a time step, so that one step earlier or later is a whole step away.
const start = Math.floor(Date.now() / 30_000) * 30_000 + 15_000;
let now = start;
const step = 30_000;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ clock: () => now });
});
afterAll(() => app.close());

const login = (body: unknown) => anonymous(app)('POST', '/api/auth/login', body);
const errorOf = async (response: Response) => (await response.json()) as ErrorBody;

// A user with two-factor sign-in on, its secret and recovery codes, and the session it was set
// up in.
async function enrolledUser(role: 'RESEARCHER' | 'MANAGER' | 'ADMIN' = 'RESEARCHER') {
  const user = await createUser(app, { role, countries: ['KH'] });
  const session = await signIn(app, user.email, user.password);
  const { secret, recoveryCodes } = await enrol(session, user.password, now);
  // the code used to enable is spent: the next one comes a step later
  now += step;
  return { user, session, secret, recoveryCodes };
}

const userRow = (id: string) =>
  app.database.db.user.findUniqueOrThrow({
    where: { id },
    select: { totpSecret: true, totpEnabledAt: true, totpLastStep: true },
  });

const eventsOf = (userId: string, action: 'UPDATE' | 'LOGIN_FAILED') =>
  app.database.db.auditEvent.findMany({
    where: { entityId: userId, action },
    orderBy: { seq: 'asc' },
    select: { changes: true },
  });

describe('setting up two-factor sign-in', () => {
  it('when the password given is wrong, then nothing is set up and the answer points at the password', async () => {
    const user = await createUser(app, { role: 'ADVOCACY' });
    const session = await signIn(app, user.email, user.password);
    const response = await session.request('POST', '/api/auth/two-factor/setup', {
      password: 'not my password',
    });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).error.details).toEqual([
      expect.objectContaining({ path: 'body.password', code: 'wrong_password' }),
    ]);
    expect(await userRow(user.id)).toEqual({
      totpSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
    });
  });

  it('when set-up starts, then the secret is kept sealed for this user only, and two-factor is not on until a code confirms it', async () => {
    const user = await createUser(app, { role: 'RESEARCHER' });
    const session = await signIn(app, user.email, user.password);
    const response = await session.request('POST', '/api/auth/two-factor/setup', {
      password: user.password,
    });
    expect(response.status).toBe(200);
    const { secret, otpauthUri } = (await response.json()) as {
      secret: string;
      otpauthUri: string;
    };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toBe(
      `otpauth://totp/Vigil:${encodeURIComponent(user.email)}?secret=${secret}&issuer=Vigil`,
    );

    const row = await userRow(user.id);
    expect(row.totpEnabledAt).toBeNull();
    expect(row.totpSecret).not.toContain(secret);
    const cipher = configuredFieldCipher({ NODE_ENV: 'test', DATA_DIR: app.dataDir }, () => {});
    expect(cipher.open(row.totpSecret!, totpSecretPlace(user.id))).toBe(secret);
    expect(() => cipher.open(row.totpSecret!, totpSecretPlace(session.userId + 'x'))).toThrow();

    const me = (await (await session.get('/api/auth/me')).json()) as { twoFactor: unknown };
    expect(me.twoFactor).toEqual({ enabled: false, required: false });
    expect((await login({ email: user.email, password: user.password })).status).toBe(200);
  });

  it('when set-up is started again before it is finished, then only the newer secret can finish it', async () => {
    const user = await createUser(app, { role: 'RESEARCHER' });
    const session = await signIn(app, user.email, user.password);
    const setUp = async () =>
      (
        (await (
          await session.request('POST', '/api/auth/two-factor/setup', { password: user.password })
        ).json()) as { secret: string }
      ).secret;
    const first = await setUp();
    const second = await setUp();
    const enable = async (secret: string) =>
      session.request('POST', '/api/auth/two-factor/enable', { code: await codeAt(secret, now) });
    const withFirst = await enable(first);
    expect(withFirst.status).toBe(400);
    expect((await errorOf(withFirst)).error.details).toEqual([
      expect.objectContaining({ path: 'body.code', code: 'wrong_code' }),
    ]);
    expect((await enable(second)).status).toBe(200);
  });

  it('when the first code is right, then two-factor is on, ten distinct recovery codes come once, only their hashes are kept, the change is recorded and every other session ends', async () => {
    const user = await createUser(app, { role: 'MANAGER' });
    const elsewhere = await signIn(app, user.email, user.password);
    const session = await signIn(app, user.email, user.password);
    const { recoveryCodes } = await enrol(session, user.password, now);

    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes)
      expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}$/);
    const stored = await app.database.db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    const kept = JSON.stringify(stored);
    for (const code of recoveryCodes) {
      expect(kept).not.toContain(code);
      expect(kept).not.toContain(code.replaceAll('-', ''));
    }

    expect((await userRow(user.id)).totpEnabledAt).not.toBeNull();
    const me = (await (await session.get('/api/auth/me')).json()) as { twoFactor: unknown };
    expect(me.twoFactor).toEqual({ enabled: true, required: false });
    expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
    expect((await eventsOf(user.id, 'UPDATE')).map((event) => event.changes)).toEqual([
      { twoFactor: 'enabled' },
    ]);
  });

  it('when two-factor is on, then starting another set-up is refused until it is turned off', async () => {
    const { user, session } = await enrolledUser();
    const response = await session.request('POST', '/api/auth/two-factor/setup', {
      password: user.password,
    });
    expect(response.status).toBe(409);
  });

  it('when a code is confirmed with nothing set up, then it is refused', async () => {
    const user = await createUser(app, { role: 'RESEARCHER' });
    const session = await signIn(app, user.email, user.password);
    const response = await session.request('POST', '/api/auth/two-factor/enable', {
      code: '123456',
    });
    expect(response.status).toBe(409);
  });
});

describe('signing in with two-factor on', () => {
  it('when the password is right and no code is given, then 401 says a code is required; a wrong password answers exactly as for an unknown email', async () => {
    const { user } = await enrolledUser();
    const withoutCode = await login({ email: user.email, password: user.password });
    expect(withoutCode.status).toBe(401);
    expect(await errorOf(withoutCode)).toEqual({
      error: {
        code: 'UNAUTHENTICATED',
        message: expect.any(String),
        details: { totpRequired: true },
      },
    });
    const wrongPassword = await login({ email: user.email, password: 'not the password' });
    const unknown = await login({ email: 'nobody@example.test', password: 'not the password' });
    expect(wrongPassword.status).toBe(401);
    expect(await errorOf(wrongPassword)).toEqual(await errorOf(unknown));
  });

  it('when the code is wrong, then the answer is the wrong password one, whether the password was right or not, and the failure is recorded', async () => {
    const { user, secret } = await enrolledUser();
    const code = await codeAt(secret, now);
    const wrong = code === '000000' ? '111111' : '000000';
    const wrongCode = await login({ email: user.email, password: user.password, totp: wrong });
    const wrongPassword = await login({ email: user.email, password: 'not it', totp: code });
    const unknown = await login({ email: 'nobody@example.test', password: 'not it' });
    expect(wrongCode.status).toBe(401);
    const expected = await errorOf(unknown);
    expect(await errorOf(wrongCode)).toEqual(expected);
    expect(await errorOf(wrongPassword)).toEqual(expected);
    expect((await eventsOf(user.id, 'LOGIN_FAILED')).map((event) => event.changes)).toEqual([
      { reason: 'WRONG_SECOND_FACTOR' },
      null,
    ]);
    // the right code was not spent by the wrong password
    expect((await login({ email: user.email, password: user.password, totp: code })).status).toBe(
      200,
    );
  });

  it("when the code is the previous or the next time step's, then it is accepted; two steps away, it is refused", async () => {
    const { user, secret } = await enrolledUser();
    const signInWith = async (at: number) =>
      (await login({ email: user.email, password: user.password, totp: await codeAt(secret, at) }))
        .status;
    // away from the step spent by enabling, so that only the drift decides
    now += 2 * step;
    expect(await signInWith(now - 2 * step)).toBe(401);
    expect(await signInWith(now - step)).toBe(200);
    now += 3 * step;
    expect(await signInWith(now + 2 * step)).toBe(401);
    expect(await signInWith(now + step)).toBe(200);
  });

  it('when a code has been used, then it cannot sign in again, nor can a code of an earlier step', async () => {
    const { user, secret } = await enrolledUser();
    const earlier = await codeAt(secret, now);
    const later = await codeAt(secret, now + step);
    expect((await login({ email: user.email, password: user.password, totp: later })).status).toBe(
      200,
    );
    expect((await login({ email: user.email, password: user.password, totp: later })).status).toBe(
      401,
    );
    expect(
      (await login({ email: user.email, password: user.password, totp: earlier })).status,
    ).toBe(401);
  });

  it('when the code that enabled two-factor is tried at sign-in, then it is refused', async () => {
    const user = await createUser(app, { role: 'RESEARCHER' });
    const session = await signIn(app, user.email, user.password);
    const { secret } = await enrol(session, user.password, now);
    const code = await codeAt(secret, now);
    expect((await login({ email: user.email, password: user.password, totp: code })).status).toBe(
      401,
    );
    now += step;
  });

  it('when the same code is sent in five sign-ins at once, then exactly one gets in', async () => {
    const { user, secret } = await enrolledUser();
    const code = await codeAt(secret, now);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        login({ email: user.email, password: user.password, totp: code }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401, 401, 401, 401]);
  });

  it('when a recovery code is given, then it signs in once, typed in any case and without dashes, and its use is recorded', async () => {
    const { user, recoveryCodes } = await enrolledUser();
    const typed = recoveryCodes[3]!.replaceAll('-', '').toLowerCase();
    const first = await login({ email: user.email, password: user.password, recoveryCode: typed });
    expect(first.status).toBe(200);
    const again = await login({
      email: user.email,
      password: user.password,
      recoveryCode: recoveryCodes[3],
    });
    expect(again.status).toBe(401);
    expect((await eventsOf(user.id, 'UPDATE')).map((event) => event.changes)).toEqual([
      { twoFactor: 'enabled' },
      { recoveryCode: 'used' },
    ]);
    const used = await app.database.db.recoveryCode.count({
      where: { userId: user.id, usedAt: { not: null } },
    });
    expect(used).toBe(1);
  });

  it('when a code from the app and a recovery code are both given, then the request is refused as invalid', async () => {
    const { user, secret, recoveryCodes } = await enrolledUser();
    const response = await login({
      email: user.email,
      password: user.password,
      totp: await codeAt(secret, now),
      recoveryCode: recoveryCodes[0],
    });
    expect(response.status).toBe(400);
  });

  it('when a code is given for an account without two-factor, then the password alone decides', async () => {
    const user = await createUser(app, { role: 'RESEARCHER' });
    expect(
      (await login({ email: user.email, password: user.password, totp: '123456' })).status,
    ).toBe(200);
  });

  it('when someone signs in with password and code in two steps, more often than the limits allow failures, then they are never throttled', async () => {
    const { user, secret } = await enrolledUser();
    for (let time = 0; time < 31; time += 1) {
      expect((await login({ email: user.email, password: user.password })).status).toBe(401);
      const answer = await login({
        email: user.email,
        password: user.password,
        totp: await codeAt(secret, now),
      });
      expect(answer.status).toBe(200);
      now += step;
    }
  });
});

describe('turning two-factor off and replacing the recovery codes', () => {
  async function disable(session: Client, body: unknown) {
    return session.request('POST', '/api/auth/two-factor/disable', body);
  }

  it('when the password or the code is wrong, then it stays on, and the wrong code is recorded as a failed sign-in', async () => {
    const { user, session, secret } = await enrolledUser();
    const code = await codeAt(secret, now);
    const wrongPassword = await disable(session, { password: 'not my password', code });
    expect(wrongPassword.status).toBe(400);
    expect((await errorOf(wrongPassword)).error.details).toEqual([
      expect.objectContaining({ path: 'body.password' }),
    ]);
    const wrongCode = await disable(session, {
      password: user.password,
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrongCode.status).toBe(400);
    expect((await errorOf(wrongCode)).error.details).toEqual([
      expect.objectContaining({ path: 'body.code', code: 'wrong_code' }),
    ]);
    expect((await userRow(user.id)).totpEnabledAt).not.toBeNull();
    expect((await eventsOf(user.id, 'LOGIN_FAILED')).map((event) => event.changes)).toEqual([
      { reason: 'WRONG_SECOND_FACTOR' },
    ]);
  });

  it('when turned off with the password and a code, then the secret and recovery codes are gone, the password alone signs in, every other session ends and the change is recorded', async () => {
    const { user, session, secret } = await enrolledUser();
    const other = await login({
      email: user.email,
      password: user.password,
      totp: await codeAt(secret, now),
    });
    expect(other.status).toBe(200);
    const otherCookie = (other.headers.get('set-cookie') ?? '').split(';')[0]!;
    now += step;

    const response = await disable(session, {
      password: user.password,
      code: await codeAt(secret, now),
    });
    expect(response.status).toBe(204);
    expect(await userRow(user.id)).toEqual({
      totpSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
    });
    expect(
      await app.database.db.recoveryCode.count({ where: { userId: user.id, voidedAt: null } }),
    ).toBe(0);
    expect((await session.get('/api/auth/me')).status).toBe(200);
    expect(
      (await anonymous(app)('GET', '/api/auth/me', undefined, { cookie: otherCookie })).status,
    ).toBe(401);
    expect((await login({ email: user.email, password: user.password })).status).toBe(200);
    expect((await eventsOf(user.id, 'UPDATE')).map((event) => event.changes)).toEqual([
      { twoFactor: 'enabled' },
      { twoFactor: 'disabled' },
    ]);
  });

  it('when turned off with a recovery code instead of the app, then that works too', async () => {
    const { user, session, recoveryCodes } = await enrolledUser();
    const response = await disable(session, { password: user.password, code: recoveryCodes[9] });
    expect(response.status).toBe(204);
  });

  it('when new recovery codes are asked for, then ten new ones work, the old ones no longer do, and the change is recorded', async () => {
    const { user, session, recoveryCodes } = await enrolledUser();
    const response = await session.request('POST', '/api/auth/two-factor/recovery-codes', {
      password: user.password,
      code: recoveryCodes[0],
    });
    expect(response.status).toBe(200);
    const { recoveryCodes: fresh } = (await response.json()) as { recoveryCodes: string[] };
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((code) => recoveryCodes.includes(code))).toEqual([]);
    const withCode = (recoveryCode: string) =>
      login({ email: user.email, password: user.password, recoveryCode });
    expect((await withCode(recoveryCodes[1]!)).status).toBe(401);
    expect((await withCode(fresh[0]!)).status).toBe(200);
    expect((await eventsOf(user.id, 'UPDATE')).map((event) => event.changes)).toEqual([
      { twoFactor: 'enabled' },
      { recoveryCode: 'used' },
      { recoveryCodes: 'replaced' },
      { recoveryCode: 'used' },
    ]);
  });

  it('when two-factor is off, then turning it off or replacing codes is refused', async () => {
    const user = await createUser(app, { role: 'RESEARCHER' });
    const session = await signIn(app, user.email, user.password);
    const body = { password: user.password, code: '123456' };
    expect((await disable(session, body)).status).toBe(409);
    expect(
      (await session.request('POST', '/api/auth/two-factor/recovery-codes', body)).status,
    ).toBe(409);
  });

  it('when the serving role tries to delete recovery codes, then PostgreSQL refuses', async () => {
    await expect(app.database.db.$executeRaw`DELETE FROM "RecoveryCode"`).rejects.toThrow(
      /permission denied/,
    );
  });
});

describe('the policy that requires two-factor sign-in', () => {
  let strict: TestApp;
  beforeAll(async () => {
    strict = await startTestApp({ twoFactorRequiredRoles: ['ADMIN', 'MANAGER'] });
  });
  afterAll(() => strict.close());

  it('when a manager without two-factor signs in, then only setting it up, their account and sign-out are open; once it is on, everything is', async () => {
    const user = await createUser(strict, { role: 'MANAGER', countries: ['KH'] });
    const session = await signIn(strict, user.email, user.password);
    const me = (await (await session.get('/api/auth/me')).json()) as { twoFactor: unknown };
    expect(me.twoFactor).toEqual({ enabled: false, required: true });

    for (const path of ['/api/defenders', '/api/incidents', '/api/audit', '/api/stats/team']) {
      const refused = await session.get(path);
      expect(refused.status, path).toBe(403);
      expect(await errorOf(refused)).toEqual({
        error: {
          code: 'FORBIDDEN',
          message: expect.any(String),
          details: { twoFactorRequired: true },
        },
      });
    }
    const created = await session.request('POST', '/api/defenders', { displayName: 'Someone' });
    expect(created.status).toBe(403);

    const { secret } = await enrol(session, user.password);
    expect((await session.get('/api/defenders')).status).toBe(200);
    const after = (await (await session.get('/api/auth/me')).json()) as { twoFactor: unknown };
    expect(after.twoFactor).toEqual({ enabled: true, required: true });

    const disabled = await session.request('POST', '/api/auth/two-factor/disable', {
      password: user.password,
      code: await codeAt(secret, Date.now() + step),
    });
    expect(disabled.status).toBe(403);
    expect((await errorOf(disabled)).error.details).toEqual({ twoFactorRequired: true });
  });

  it('when a manager without two-factor changes their password or signs out, then both work', async () => {
    const user = await createUser(strict, { role: 'ADMIN' });
    const session = await signIn(strict, user.email, user.password);
    const changed = await session.request('POST', '/api/auth/password', {
      currentPassword: user.password,
      newPassword: 'a fresh passphrase of my own',
    });
    expect(changed.status).toBe(200);
    const renewed = await signIn(strict, user.email, 'a fresh passphrase of my own');
    expect((await renewed.request('POST', '/api/auth/logout')).status).toBe(204);
  });

  it('when the role is not in the policy, then nothing is refused for lack of two-factor', async () => {
    const user = await createUser(strict, { role: 'RESEARCHER', countries: ['KH'] });
    const session = await signIn(strict, user.email, user.password);
    expect((await session.get('/api/defenders')).status).toBe(200);
  });

  it('when TWO_FACTOR_REQUIRED_ROLES is unset, then production requires it of admins and managers and other environments of no one; when set, of the roles it names', () => {
    const unset = { TWO_FACTOR_REQUIRED_ROLES: undefined };
    expect(twoFactorPolicy({ ...unset, NODE_ENV: 'production' })).toEqual(['ADMIN', 'MANAGER']);
    expect(twoFactorPolicy({ ...unset, NODE_ENV: 'development' })).toEqual([]);
    expect(
      twoFactorPolicy({ NODE_ENV: 'production', TWO_FACTOR_REQUIRED_ROLES: ['RESEARCHER'] }),
    ).toEqual(['RESEARCHER']);
    expect(twoFactorPolicy({ NODE_ENV: 'development', TWO_FACTOR_REQUIRED_ROLES: [] })).toEqual([]);
  });
});
