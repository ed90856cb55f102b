import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserList, UserOutput } from '@vigil/shared/schemas/users';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import {
  anonymous,
  clientFor,
  createUser,
  signIn,
  type Client,
} from '../../../../tests/support/http.ts';

const json = async <T>(response: Response) => (await response.json()) as T;
const errorOf = async (response: Response) =>
  (await json<{ error: { code: string; message: string; details?: unknown } }>(response)).error;

describe('/api/users', () => {
  let app: TestApp;
  let admin: Client;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await clientFor(app, 'ADMIN');
  });
  afterAll(() => app.close());

  const auditOf = (id: string) =>
    app.database.db.auditEvent.findMany({
      where: { entity: 'User', entityId: id, action: { in: ['CREATE', 'UPDATE'] } },
      orderBy: { at: 'asc' },
    });
  const read = async (id: string) => json<UserOutput>(await admin.get(`/api/users/${id}`));

  describe('who may', () => {
    it.each(['RESEARCHER', 'ADVOCACY', 'MANAGER'] as const)(
      'when a %s calls any users endpoint, then it is 403',
      async (role) => {
        const client = await clientFor(app, role);
        const target = `/api/users/${admin.userId}`;
        const calls = [
          client.get('/api/users'),
          client.get(target),
          client.request('POST', '/api/users', {
            email: `made-by-${role.toLowerCase()}@example.test`,
            name: 'Sock puppet',
            role: 'ADMIN',
            password: 'a long enough password',
          }),
          client.request('PATCH', target, { version: 1, name: 'Taken over' }),
          client.request('DELETE', target),
          client.request('POST', `${target}/password`, { password: 'a long enough password' }),
        ];
        for (const response of await Promise.all(calls)) {
          expect(response.status).toBe(403);
          expect((await errorOf(response)).code).toBe('FORBIDDEN');
        }
        expect((await read(admin.userId)).active).toBe(true);
      },
    );

    it('when nobody is signed in, then it is 401', async () => {
      expect((await anonymous(app)('GET', '/api/users')).status).toBe(401);
    });
  });

  describe('POST', () => {
    it('when an admin creates an account, then it is 201, audited, and the user can sign in', async () => {
      const response = await admin.request('POST', '/api/users', {
        email: '  New.Researcher@Example.TEST ',
        name: 'New Researcher',
        role: 'RESEARCHER',
        countries: ['TH', 'KH'],
        password: 'a long enough password',
      });
      expect(response.status).toBe(201);
      const created = await json<UserOutput>(response);
      expect(created).toEqual({
        id: expect.any(String),
        email: 'new.researcher@example.test',
        name: 'New Researcher',
        role: 'RESEARCHER',
        countries: ['KH', 'TH'],
        active: true,
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(await read(created.id)).toEqual(created);
      const [event] = await auditOf(created.id);
      expect(event).toMatchObject({ action: 'CREATE', actorId: admin.userId });
      expect(JSON.stringify(event?.changes)).not.toMatch(/password/i);
      const client = await signIn(app, 'new.researcher@example.test', 'a long enough password');
      expect(client.userId).toBe(created.id);
    });

    it.each([
      ['the demo password', 'vigil-demo-pass'],
      ['a passphrase of 256 characters', 'long passphrase '.repeat(16)],
    ])('when the password is %s, then it is accepted', async (_case, password) => {
      const response = await admin.request('POST', '/api/users', {
        email: `accepted${Date.now()}@example.test`,
        role: 'RESEARCHER',
        password,
      });
      expect(response.status, await response.clone().text()).toBe(201);
    });

    it('when the email is taken, in any case, then it is 409 CONFLICT', async () => {
      const existing = await createUser(app, { role: 'MANAGER' });
      const response = await admin.request('POST', '/api/users', {
        email: existing.email.toUpperCase(),
        name: 'Twin',
        role: 'MANAGER',
        password: 'a long enough password',
      });
      expect(response.status).toBe(409);
      expect((await errorOf(response)).code).toBe('CONFLICT');
    });

    it.each([
      ['a short password', { password: 'short' }, 'body.password'],
      ['twelve repeated letters', { password: 'aaaaaaaaaaaa' }, 'body.password'],
      ['fifteen repeated letters', { password: 'aaaaaaaaaaaaaaa' }, 'body.password'],
      ['a common password', { password: 'password1234' }, 'body.password'],
      ['twelve spaces', { password: ' '.repeat(12) }, 'body.password'],
      ['sixteen spaces', { password: ' '.repeat(16) }, 'body.password'],
      ['a breached password of 16 characters', { password: 'PasswordPassword' }, 'body.password'],
      ['a breached password of 16 digits', { password: '1234567887654321' }, 'body.password'],
      ['a password of 257 characters', { password: 'x1'.repeat(128) + 'y' }, 'body.password'],
      ['a bad email', { email: 'not-an-email' }, 'body.email'],
      ['an unassigned country', { countries: ['XK'] }, 'body.countries.0'],
      ['an unknown role', { role: 'ROOT' }, 'body.role'],
      ['an unknown field', { passwordHash: 'x' }, 'body'],
    ])('when the body has %s, then it is 400 VALIDATION', async (_case, fields, path) => {
      const before = await app.database.db.user.count();
      const response = await admin.request('POST', '/api/users', {
        email: `valid${Date.now()}@example.test`,
        name: 'Valid',
        role: 'RESEARCHER',
        password: 'a long enough password',
        ...fields,
      });
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('VALIDATION');
      expect(error.details).toContainEqual(expect.objectContaining({ path }));
      expect(await app.database.db.user.count()).toBe(before);
    });
  });

  describe('GET', () => {
    it('when an admin reads a user, then the contract fields come back and never the hash', async () => {
      const user = await createUser(app, { role: 'RESEARCHER', countries: ['KH', 'TH'] });
      const response = await admin.get(`/api/users/${user.id}`);
      expect(response.status).toBe(200);
      expect(await json(response)).toEqual({
        id: user.id,
        email: user.email,
        name: user.name,
        role: 'RESEARCHER',
        countries: ['KH', 'TH'],
        active: true,
        version: 1,
        createdAt: user.createdAt.toISOString(),
        updatedAt: user.updatedAt.toISOString(),
      });
    });

    it('when the id is unknown, then it is 404', async () => {
      expect((await admin.get(`/api/users/${crypto.randomUUID()}`)).status).toBe(404);
    });

    it('when the list is filtered by role, activity and q, then only matches come back', async () => {
      const tag = `zed${Date.now()}`;
      const users = await Promise.all(
        [
          { role: 'MANAGER', active: true },
          { role: 'MANAGER', active: false },
          { role: 'ADVOCACY', active: true },
        ].map((fields, index) =>
          createUser(app, {
            ...(fields as { role: 'MANAGER' | 'ADVOCACY'; active: boolean }),
            email: `${tag}.${index}@Example.test`.toLowerCase(),
          }),
        ),
      );
      const ids = async (query: string) => {
        const response = await admin.get(`/api/users?q=${tag.toUpperCase()}${query}`);
        expect(response.status).toBe(200);
        const page = await json<UserList>(response);
        for (const item of page.items) expect(item).not.toHaveProperty('passwordHash');
        return page.items.map((item) => item.id).sort();
      };
      const [activeManager, inactiveManager, officer] = users.map((user) => user.id);
      expect(await ids('')).toEqual([activeManager, inactiveManager, officer].sort());
      expect(await ids('&role=MANAGER')).toEqual([activeManager, inactiveManager].sort());
      expect(await ids('&role=MANAGER&active=true')).toEqual([activeManager]);
      expect(await ids('&active=false')).toEqual([inactiveManager]);
      expect(await ids('&role=ADVOCACY&role=MANAGER&limit=1')).toHaveLength(1);
    });

    it('when walked page by page, then every user comes once, newest first', async () => {
      const seen: UserOutput[] = [];
      let cursor: string | null = null;
      do {
        const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page: UserList = await json<UserList>(await admin.get(`/api/users?limit=3${suffix}`));
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen.map((user) => user.id)).size).toBe(seen.length);
      expect(seen).toHaveLength(await app.database.db.user.count());
      const created = seen.map((user) => user.createdAt);
      expect(created).toEqual([...created].sort().reverse());
    });

    it('when the query is not valid, then it is 400', async () => {
      expect((await admin.get('/api/users?active=yes')).status).toBe(400);
      expect((await admin.get('/api/users?role=ROOT')).status).toBe(400);
      expect((await admin.get('/api/users?password=x')).status).toBe(400);
    });
  });

  describe('PATCH /:id', () => {
    it('when an admin changes role and countries, then they apply at the user’s next request', async () => {
      const researcher = await clientFor(app, 'RESEARCHER', ['KH']);
      expect((await researcher.get('/api/audit')).status).toBe(403);
      const response = await admin.request('PATCH', `/api/users/${researcher.userId}`, {
        version: 1,
        role: 'MANAGER',
        countries: ['TH', 'KH', 'TH'],
        name: 'Promoted',
      });
      expect(response.status).toBe(200);
      expect(await json(response)).toMatchObject({
        role: 'MANAGER',
        countries: ['KH', 'TH'],
        name: 'Promoted',
        version: 2,
      });
      expect((await researcher.get('/api/audit')).status).toBe(200);
      const update = (await auditOf(researcher.userId)).at(-1);
      expect(update).toMatchObject({ action: 'UPDATE', actorId: admin.userId });
      expect(update?.changes).toEqual({
        name: { from: researcher.user.name, to: 'Promoted' },
        role: { from: 'RESEARCHER', to: 'MANAGER' },
        countries: { from: ['KH'], to: ['KH', 'TH'] },
      });
    });

    it('when an admin deactivates a user, then all their sessions end at once', async () => {
      const user = await createUser(app, { role: 'ADVOCACY' });
      const first = await signIn(app, user.email, user.password);
      const second = await signIn(app, user.email, user.password);
      const response = await admin.request('PATCH', `/api/users/${user.id}`, {
        version: 1,
        active: false,
      });
      expect(response.status).toBe(200);
      expect(await app.database.db.session.count({ where: { userId: user.id } })).toBe(0);
      expect((await first.get('/api/auth/me')).status).toBe(401);
      expect((await second.get('/api/advocacy')).status).toBe(401);
      const login = await anonymous(app)('POST', '/api/auth/login', {
        email: user.email,
        password: user.password,
      });
      expect(login.status).toBe(401);
      expect((await auditOf(user.id)).at(-1)?.changes).toEqual({
        active: { from: true, to: false },
      });

      const reactivated = await admin.request('PATCH', `/api/users/${user.id}`, {
        version: 2,
        active: true,
      });
      expect(reactivated.status).toBe(200);
      await expect(signIn(app, user.email, user.password)).resolves.toBeDefined();
    });

    it('when the version is stale, then it is 409 CONFLICT with the current account', async () => {
      const user = await createUser(app, { role: 'RESEARCHER' });
      await admin.request('PATCH', `/api/users/${user.id}`, { version: 1, name: 'First' });
      const response = await admin.request('PATCH', `/api/users/${user.id}`, {
        version: 1,
        name: 'Second',
      });
      expect(response.status).toBe(409);
      const error = await errorOf(response);
      expect(error.code).toBe('CONFLICT');
      expect(error.details).toMatchObject({ current: { name: 'First', version: 2 } });
    });

    it('when two admins save at once with the same version, then one wins and one is audited', async () => {
      const user = await createUser(app, { role: 'RESEARCHER' });
      const responses = await Promise.all(
        ['One', 'Two'].map((name) =>
          admin.request('PATCH', `/api/users/${user.id}`, { version: 1, name }),
        ),
      );
      expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
      expect(await auditOf(user.id)).toHaveLength(1);
    });

    it('when an admin deactivates themselves or changes their own role, then it is 400 and nothing changes', async () => {
      const self = await read(admin.userId);
      for (const change of [{ active: false }, { role: 'MANAGER' }]) {
        const response = await admin.request('PATCH', `/api/users/${admin.userId}`, {
          version: self.version,
          ...change,
        });
        expect(response.status).toBe(400);
        const error = await errorOf(response);
        expect(error.message).toMatch(/ask another admin/);
      }
      expect(await read(admin.userId)).toEqual(self);
    });

    it.each([
      ['no version', { name: 'x' }, 'body.version'],
      ['an unknown role', { version: 1, role: 'ROOT' }, 'body.role'],
      ['a bad country', { version: 1, countries: ['kh'] }, 'body.countries.0'],
      ['a password', { version: 1, password: 'a new password!' }, 'body'],
      ['an email', { version: 1, email: 'new@example.test' }, 'body'],
    ])('when the body has %s, then it is 400 VALIDATION', async (_case, body, path) => {
      const user = await createUser(app, { role: 'RESEARCHER' });
      const response = await admin.request('PATCH', `/api/users/${user.id}`, body);
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('VALIDATION');
      expect(error.details).toContainEqual(expect.objectContaining({ path }));
    });
  });

  describe('DELETE /:id', () => {
    it('when an admin deletes a user, then the account is deactivated, kept, and signed out', async () => {
      const user = await clientFor(app, 'MANAGER', ['MM']);
      const response = await admin.request('DELETE', `/api/users/${user.userId}`);
      expect(response.status).toBe(204);
      expect((await user.get('/api/auth/me')).status).toBe(401);
      expect(await read(user.userId)).toMatchObject({ active: false, version: 2 });
      expect((await admin.request('DELETE', `/api/users/${user.userId}`)).status).toBe(204);
      expect((await auditOf(user.userId)).map((event) => event.changes)).toEqual([
        { active: { from: true, to: false } },
      ]);
    });

    it('when an admin deletes their own account, then it is 400 with a clear message', async () => {
      const response = await admin.request('DELETE', `/api/users/${admin.userId}`);
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toMatchObject({
        code: 'VALIDATION',
        message: 'You cannot deactivate your own account; ask another admin',
      });
      expect((await admin.get('/api/auth/me')).status).toBe(200);
    });

    it('when the id is unknown, then it is 404', async () => {
      const response = await admin.request('DELETE', `/api/users/${crypto.randomUUID()}`);
      expect(response.status).toBe(404);
    });
  });

  describe('POST /:id/password', () => {
    const newPassword = 'a fresh one-time password';

    it("when an admin resets a user's password, then the new one works, the old one does not, and every session of theirs has ended", async () => {
      const user = await createUser(app, { role: 'RESEARCHER', countries: ['KH'] });
      const session = await signIn(app, user.email, user.password);
      const response = await admin.request('POST', `/api/users/${user.id}/password`, {
        password: newPassword,
      });
      expect(response.status).toBe(204);
      expect((await session.get('/api/auth/me')).status).toBe(401);
      await expect(signIn(app, user.email, user.password)).rejects.toThrow(/401/);
      expect((await signIn(app, user.email, newPassword)).userId).toBe(user.id);
      const events = await auditOf(user.id);
      expect(events.at(-1)).toMatchObject({
        actorId: admin.userId,
        changes: { password: 'reset' },
      });
      expect(JSON.stringify(events)).not.toContain(newPassword);
    });

    it('when the new password is common, then it is 400 on the field and nothing changes', async () => {
      const user = await createUser(app, { role: 'MANAGER' });
      const response = await admin.request('POST', `/api/users/${user.id}/password`, {
        password: 'QWERTYUIOP12345',
      });
      expect(response.status).toBe(400);
      expect((await errorOf(response)).details).toEqual([
        expect.objectContaining({ path: 'body.password', code: 'common_password' }),
      ]);
      expect((await signIn(app, user.email, user.password)).userId).toBe(user.id);
    });

    it('when an admin resets their own password, then it is 400: they change it with their current one', async () => {
      const response = await admin.request('POST', `/api/users/${admin.userId}/password`, {
        password: newPassword,
      });
      expect(response.status).toBe(400);
      expect((await admin.get('/api/auth/me')).status).toBe(200);
    });

    it('when the user is unknown, then it is 404', async () => {
      const response = await admin.request('POST', `/api/users/${crypto.randomUUID()}/password`, {
        password: newPassword,
      });
      expect(response.status).toBe(404);
    });
  });
});
