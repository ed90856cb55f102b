import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { demoPassword } from '../../../../prisma/seed/demo-accounts.ts';
import { createTestDatabase } from '../../../../tests/support/database.ts';
import { projectRoot } from '../../config.ts';
import { openDatabase, type Database } from '../../db/prisma.ts';
import { AppError } from '../../http/app-error.ts';
import { createUserAccount, type CreateUserAccountInput } from './create-user.ts';

const password = 'a long enough passphrase';
let database: Database;
let databaseUrl: string;

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  database = openDatabase(databaseUrl);
});
afterAll(() => database.close());

let sequence = 0;
const uniqueEmail = () => `user${++sequence}@example.org`;
const create = (input: Partial<CreateUserAccountInput>, production = false) =>
  createUserAccount(
    database.db,
    { email: uniqueEmail(), role: 'RESEARCHER', password, ...input },
    { production },
  );

describe('createUserAccount', () => {
  it('when the input is valid, then it stores an argon2id hash and writes a CREATE audit event without it', async () => {
    const user = await create({
      email: '  New.Admin@Example.ORG ',
      role: 'MANAGER',
      name: 'New Manager',
      countries: ['TH', 'KH', 'TH'],
    });
    expect(user).toMatchObject({
      email: 'new.admin@example.org',
      name: 'New Manager',
      role: 'MANAGER',
      countries: ['KH', 'TH'],
    });
    const row = await database.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    const events = await database.db.auditEvent.findMany({ where: { entityId: user.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'CREATE', entity: 'User', actorId: null });
    expect(JSON.stringify(events[0]!.changes)).toContain('new.admin@example.org');
    expect(JSON.stringify(events[0]!.changes)).not.toMatch(/argon2|passphrase/);
  });

  it('when no name is given, then the part of the email before @ is the name', async () => {
    const user = await create({ email: 'ana.lopez@example.org' });
    expect(user.name).toBe('ana.lopez');
  });

  it('when the password is shorter than 15 characters, then it refuses and stores nothing', async () => {
    const email = uniqueEmail();
    await expect(create({ email, password: 'fourteen chars' })).rejects.toThrow(ZodError);
    expect(await database.db.user.count({ where: { email } })).toBe(0);
  });

  it('when the password is in the list of common passwords, whatever its case, then it refuses with VALIDATION and stores nothing', async () => {
    const email = uniqueEmail();
    const error = await create({ email, password: 'QAZWSXEDCRFVTGB' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION', details: [{ path: 'body.password' }] });
    expect(await database.db.user.count({ where: { email } })).toBe(0);
  });

  it('when the email is taken, whatever its case, then it fails with CONFLICT', async () => {
    const email = uniqueEmail();
    await create({ email });
    const error = await create({ email: email.toUpperCase() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(email) });
    expect(await database.db.user.count({ where: { email } })).toBe(1);
  });

  it('when in production, then the demo password is refused; elsewhere it is accepted', async () => {
    const refused = await create({ password: demoPassword }, true).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'VALIDATION' });
    await expect(create({ password: demoPassword }, false)).resolves.toBeDefined();
  });

  it.each([
    ['an unknown role', { role: 'BOSS' }],
    ['a lower-case country', { countries: ['kh'] }],
    ['a three-letter country', { countries: ['KHM'] }],
    ['an unassigned country code', { countries: ['XX'] }],
    ['a grouping code', { countries: ['EU'] }],
    ['a malformed email', { email: 'not-an-email' }],
    ['an unknown field', { admin: true }],
  ])('when given %s, then it refuses with a validation error', async (_what, input) => {
    const before = await database.db.user.count();
    await expect(create(input as Partial<CreateUserAccountInput>)).rejects.toThrow(ZodError);
    expect(await database.db.user.count()).toBe(before);
  });
});

describe('npm run user:create', () => {
  const cli = path.join(projectRoot, 'server/src/modules/users/create-user.cli.ts');
  const run = (args: string[], stdin: string, env: NodeJS.ProcessEnv = {}) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
        cwd: projectRoot,
        env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl, ...env },
      });
      let [stdout, stderr] = ['', ''];
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      // the command may exit before reading (bad arguments)
      child.stdin.on('error', () => {});
      child.stdin.end(stdin);
    });

  it('when the password is piped on stdin, then it creates the user and exits 0', async () => {
    const email = uniqueEmail();
    const result = await run(
      ['--email', email, '--role', 'researcher', '--name', 'Piped User', '--countries', 'kh, mm'],
      `${password}\n`,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Created RESEARCHER ${email}`);
    const row = await database.db.user.findUniqueOrThrow({ where: { email } });
    expect(row).toMatchObject({ name: 'Piped User', role: 'RESEARCHER', countries: ['KH', 'MM'] });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('when the email is taken, then it says so and exits 1', async () => {
    const email = uniqueEmail();
    await create({ email });
    const result = await run(['--email', email, '--role', 'ADMIN'], `${password}\n`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`A user with the email ${email} already exists`);
  });

  it('when NODE_ENV=production and the demo password is piped, then it refuses and exits 1', async () => {
    const email = uniqueEmail();
    const result = await run(['--email', email, '--role', 'ADMIN'], `${demoPassword}\n`, {
      NODE_ENV: 'production',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('demo password');
    expect(await database.db.user.count({ where: { email } })).toBe(0);
  });

  it('when the arguments are wrong, then it prints the problem and the usage and exits 2', async () => {
    const result = await run(['--email', uniqueEmail(), '--role', 'BOSS'], `${password}\n`);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('role');
    expect(result.stderr).toContain('Usage: npm run user:create');
  });
});
