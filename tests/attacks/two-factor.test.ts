// Attacks on two-factor sign-in by someone who has the password (phished, reused, leaked):
// parallel guesses at the code, a code seen over the owner's shoulder, and a lockout forced on
// the owner by guessing at their account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addressBook, sendFrom, type Answer } from '../support/from-address.ts';
import { createUser, signIn } from '../support/http.ts';
import { codeAt, enrol } from '../support/two-factor.ts';

// the time the app checks codes against, in the middle of a time step
let now = Math.floor(Date.now() / 30_000) * 30_000 + 15_000;
const step = 30_000;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ clock: () => now });
});
afterAll(() => app.close());

const freshAddress = addressBook(20);
// past the addresses the other tests take, for the test that needs many
const addressAfterBook = addressBook(150);

const login = (address: string, body: Record<string, string>) =>
  sendFrom(app, address, 'POST', '/api/auth/login', body);

const count = (answers: Answer[], status: number) =>
  answers.filter((answer) => answer.status === status).length;

async function enrolledUser() {
  const user = await createUser(app, { role: 'MANAGER' });
  const { secret, recoveryCodes } = await enrol(
    await signIn(app, user.email, user.password),
    user.password,
    now,
  );
  now += step;
  return { ...user, secret, recoveryCodes };
}

// `n` six-digit codes, none of which the app would accept now (any of the three steps in reach)
async function wrongCodes(secret: string, n: number) {
  const accepted = new Set(
    await Promise.all([-1, 0, 1].map((offset) => codeAt(secret, now + offset * step))),
  );
  const codes: string[] = [];
  for (let guess = 123_457; codes.length < n; guess += 7919) {
    const code = String(guess % 1_000_000).padStart(6, '0');
    if (!accepted.has(code)) codes.push(code);
  }
  return codes;
}

const checkedCodes = (userId: string) =>
  app.database.db.auditEvent.count({
    where: {
      entityId: userId,
      action: 'LOGIN_FAILED',
      changes: { path: ['reason'], equals: 'WRONG_SECOND_FACTOR' },
    },
  });

describe('parallel guesses at the code', () => {
  it('when 40 sign-ins with the right password and wrong codes arrive at once from one address, then at most 5 codes are checked and none gets in', async () => {
    const user = await enrolledUser();
    const address = freshAddress();
    const guesses = await wrongCodes(user.secret, 40);
    const answers = await Promise.all(
      guesses.map((totp) => login(address, { email: user.email, password: user.password, totp })),
    );
    const checked = await checkedCodes(user.id);
    console.info(
      `TOTP brute force from one address: ${guesses.length} tried, ${checked} checked, ${count(answers, 200)} let through`,
    );
    expect(count(answers, 200)).toBe(0);
    expect(count(answers, 401)).toBeLessThanOrEqual(5);
    expect(checked).toBeLessThanOrEqual(5);
    expect(count(answers, 401) + count(answers, 429)).toBe(40);
  });

  it('when 40 wrong codes come from 4 addresses at once, then at most 10 are checked for the account and none gets in', async () => {
    const user = await enrolledUser();
    const guesses = await wrongCodes(user.secret, 40);
    const addresses = [freshAddress(), freshAddress(), freshAddress(), freshAddress()];
    const answers = await Promise.all(
      guesses.map((totp, n) =>
        login(addresses[n % 4]!, { email: user.email, password: user.password, totp }),
      ),
    );
    const checked = await checkedCodes(user.id);
    console.info(
      `TOTP brute force from 4 addresses: ${guesses.length} tried, ${checked} checked, ${count(answers, 200)} let through`,
    );
    expect(count(answers, 200)).toBe(0);
    expect(checked).toBeLessThanOrEqual(10);
  });

  it('when 60 wrong codes come from 30 addresses, then at most 10 are checked, and afterwards the owner gets in from their own browser but a browser that never signed in is refused', async () => {
    const user = await enrolledUser();
    const ownBrowser = await login(freshAddress(), {
      email: user.email,
      password: user.password,
      totp: await codeAt(user.secret, now),
    });
    const device = ownBrowser.cookies.find((cookie) => cookie.startsWith('vigil_device='));
    expect(device).toBeDefined();
    now += step;
    const addresses = Array.from({ length: 30 }, addressAfterBook);
    const guesses = await wrongCodes(user.secret, 60);
    const answers = await Promise.all(
      guesses.map((totp, n) =>
        login(addresses[n % 30]!, { email: user.email, password: user.password, totp }),
      ),
    );
    const checked = await checkedCodes(user.id);
    console.info(
      `TOTP brute force from 30 addresses: ${guesses.length} tried, ${checked} checked, ${count(answers, 200)} let through`,
    );
    expect(count(answers, 200)).toBe(0);
    expect(checked).toBeLessThanOrEqual(10);
    const right = {
      email: user.email,
      password: user.password,
      totp: await codeAt(user.secret, now),
    };
    const stranger = await login(addressAfterBook(), right);
    expect(stranger.status).toBe(429);
    const owner = await sendFrom(app, addressAfterBook(), 'POST', '/api/auth/login', right, {
      cookie: device!,
    });
    expect(owner.status, owner.body).toBe(200);
  });

  it('when 40 wrong recovery codes arrive at once, then at most 5 are checked and none gets in', async () => {
    const user = await enrolledUser();
    const address = freshAddress();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        login(address, {
          email: user.email,
          password: user.password,
          recoveryCode: `ABCD-EFGH-JKMN-${String(n).padStart(4, '0')}`,
        }),
      ),
    );
    expect(count(answers, 200)).toBe(0);
    expect(await checkedCodes(user.id)).toBeLessThanOrEqual(5);
  });

  it('when a stolen session with the password tries 12 codes at once to turn two-factor off, then at most 5 are checked and it stays on', async () => {
    const user = await enrolledUser();
    const session = await login(freshAddress(), {
      email: user.email,
      password: user.password,
      totp: await codeAt(user.secret, now),
    });
    const address = freshAddress();
    const answers = await Promise.all(
      (await wrongCodes(user.secret, 12)).map((code) =>
        sendFrom(
          app,
          address,
          'POST',
          '/api/auth/two-factor/disable',
          { password: user.password, code },
          {
            cookie: session.cookie!,
            'x-csrf-token': (JSON.parse(session.body) as { csrfToken: string }).csrfToken,
          },
        ),
      ),
    );
    expect(count(answers, 204)).toBe(0);
    expect(count(answers, 400)).toBeLessThanOrEqual(5);
    expect(count(answers, 429)).toBeGreaterThanOrEqual(7);
    const row = await app.database.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpEnabledAt).not.toBeNull();
  });
});

describe('a code seen by someone else', () => {
  it('when the owner has signed in with a code, then the same code with the password is refused to anyone else', async () => {
    const user = await enrolledUser();
    const code = await codeAt(user.secret, now);
    const body = { email: user.email, password: user.password, totp: code };
    expect((await login(freshAddress(), body)).status).toBe(200);
    expect((await login(freshAddress(), body)).status).toBe(401);
    now += step;
    expect((await login(freshAddress(), body)).status).toBe(401);
  });

  it('when the owner and someone else send the same code at the same moment, then only one gets in', async () => {
    const user = await enrolledUser();
    const body = {
      email: user.email,
      password: user.password,
      totp: await codeAt(user.secret, now),
    };
    const answers = await Promise.all([login(freshAddress(), body), login(freshAddress(), body)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
  });
});

describe('a lockout forced on the owner', () => {
  it('when others have guessed codes (with the password) and passwords at the account from their addresses, then the owner signs in with password and code from their own browser', async () => {
    const user = await enrolledUser();
    const ownBrowser = await login(freshAddress(), {
      email: user.email,
      password: user.password,
      totp: await codeAt(user.secret, now),
    });
    now += step;
    for (const attacker of [freshAddress(), freshAddress(), freshAddress()]) {
      const guesses = await wrongCodes(user.secret, 8);
      const answers = await Promise.all(
        guesses.map((totp, n) =>
          login(attacker, {
            email: user.email,
            password: n % 2 ? user.password : 'not the password at all',
            totp,
          }),
        ),
      );
      expect(count(answers, 200)).toBe(0);
      expect(count(answers, 429)).toBeGreaterThan(0);
    }
    const owner = await sendFrom(
      app,
      freshAddress(),
      'POST',
      '/api/auth/login',
      { email: user.email, password: user.password, totp: await codeAt(user.secret, now) },
      { cookie: ownBrowser.cookies.join('; ') },
    );
    expect(owner.status, owner.body).toBe(200);
  });
});
