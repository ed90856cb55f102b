import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { seedDemo } from '../prisma/seed/demo.ts';
import { demoPassword } from '../prisma/seed/demo-accounts.ts';
import { listEndpoints, type Endpoint } from '../server/src/http/routes.ts';
import { upload } from '../server/src/modules/attachments/attachments.fixtures.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { fillPath, inputProperties, pathParams } from './support/catalogue.ts';
import { signIn, type Client } from './support/http.ts';

// Random and hostile input to every endpoint of the catalogue: no answer may be a 500, and a
// rejected request must leave every record exactly as it was.

const hostileStrings = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    "' OR 1=1 --",
    '"; DROP TABLE "Defender"; --',
    '<script>alert(1)</script>',
    '%_\\',
    '\u0000',
    '\ud800',
    '../../etc/passwd',
    '__proto__',
    'constructor',
    '9'.repeat(400),
    'ZZ_NOT_A_CODE',
    'ARBITRARY_ARREST',
    'KH',
    '2024-02-30',
    '-1',
    'NaN',
  ),
  fc.string({ minLength: 5000, maxLength: 20000 }),
);

const deep = (depth: number): unknown => (depth === 0 ? 'x' : { a: [deep(depth - 1)] });
const hostileValues: fc.Arbitrary<unknown> = fc.oneof(
  hostileStrings,
  fc.anything({ maxDepth: 3 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, [], {}, deep(200), { __proto__: { admin: true } }),
  fc.array(hostileStrings, { maxLength: 5 }),
);

function bodyFor(endpoint: Endpoint): fc.Arbitrary<unknown> {
  const keys = inputProperties(endpoint.body);
  const known = keys.length
    ? fc.dictionary(fc.constantFrom(...keys, '__proto__', 'id', 'status'), hostileValues, {
        maxKeys: keys.length + 2,
      })
    : fc.object();
  return fc.oneof(known, hostileValues);
}

function queryFor(endpoint: Endpoint): fc.Arbitrary<[string, string][]> {
  const keys = [...inputProperties(endpoint.query), 'limit', 'cursor', '__proto__'];
  return fc.array(
    fc.tuple(
      fc.constantFrom(...keys),
      hostileStrings.map((s) => s.slice(0, 2000)),
    ),
    {
      maxLength: 6,
    },
  );
}

// Everything a half-written or silently changed record would move.
async function fingerprint(app: TestApp): Promise<string> {
  const rows = await app.database.db.$queryRaw<{ t: string; n: bigint; v: bigint | null }[]>`
    SELECT 'Defender' t, count(*) n, sum(version) v FROM "Defender"
    UNION ALL SELECT 'Incident', count(*), sum(version) FROM "Incident"
    UNION ALL SELECT 'IncidentAct', count(*), null FROM "IncidentAct"
    UNION ALL SELECT 'IncidentCharge', count(*), null FROM "IncidentCharge"
    UNION ALL SELECT 'IncidentSource', count(*), null FROM "IncidentSource"
    UNION ALL SELECT 'IncidentTransition', count(*), null FROM "IncidentTransition"
    UNION ALL SELECT 'AdvocacyAction', count(*), sum(version) FROM "AdvocacyAction"
    UNION ALL SELECT 'AdvocacyIncident', count(*), null FROM "AdvocacyIncident"
    UNION ALL SELECT 'AdvocacyDefender', count(*), null FROM "AdvocacyDefender"
    UNION ALL SELECT 'VocabularyTerm', count(*), count("retiredAt") FROM "VocabularyTerm"
    UNION ALL SELECT 'User', count(*), sum(version) FROM "User"
    UNION ALL SELECT 'UserPassword', count(DISTINCT "passwordHash"), null FROM "User"
    UNION ALL SELECT 'UserTwoFactor', count("totpSecret"), count("totpEnabledAt") FROM "User"
    UNION ALL SELECT 'RecoveryCode', count(*), count("usedAt") + count("voidedAt") FROM "RecoveryCode"
    UNION ALL SELECT 'Session', count(*), null FROM "Session"
    UNION ALL SELECT 'Attachment', count(*), count("deletedAt") FROM "Attachment"`;
  return rows.map((row) => `${row.t}:${row.n}:${row.v ?? ''}`).join(' ');
}

// signing out would end the session the suite works with
const skipped = new Set(['post /api/auth/logout']);

describe('hostile input to every endpoint', () => {
  let app: TestApp;
  let admin: Client;
  const ids: Record<string, string[]> = {};

  beforeAll(async () => {
    app = await startTestApp();
    await seedDemo(app.database.db, pino({ level: 'silent' }));
    admin = await signIn(app, 'admin@vigil.test', demoPassword);
    const db = app.database.db;
    const [defenders, incidents, advocacy, users] = await Promise.all([
      db.defender.findMany({ select: { id: true }, take: 3 }),
      db.incident.findMany({ select: { id: true }, take: 3 }),
      db.advocacyAction.findMany({ select: { id: true }, take: 3 }),
      db.user.findMany({ select: { id: true }, take: 3 }),
    ]);
    ids.defenders = defenders.map((row) => row.id);
    ids.incidents = incidents.map((row) => row.id);
    ids.advocacy = advocacy.map((row) => row.id);
    ids.users = users.map((row) => row.id);
    const attached = await upload(admin, `/api/incidents/${ids.incidents[0]}/attachments`, {
      bytes: Buffer.from('Evidence for the fuzz suite'),
      name: 'evidence.txt',
    });
    ids.attachments = [((await attached.json()) as { id: string }).id];
  });
  afterAll(() => app.close());

  it('when the catalogue is read, then it lists the endpoints of every feature', () => {
    expect(listEndpoints().length).toBeGreaterThan(10);
  });

  const idArbitrary = (endpoint: Endpoint) => {
    const feature = endpoint.path.split('/')[2] ?? '';
    return fc.oneof(
      fc.constantFrom(
        ...(ids[feature]?.length ? ids[feature] : ['00000000-0000-4000-8000-000000000000']),
      ),
      hostileStrings.map((s) => s.slice(0, 300) || 'x'),
      fc.uuid(),
    );
  };

  for (const endpoint of listEndpoints()) {
    const key = `${endpoint.method} ${endpoint.path}`;
    if (skipped.has(key)) continue;
    it(
      `when ${key} gets hostile input, then it answers 4xx or success and never a 500`,
      { timeout: 90_000 },
      async () => {
        const params = pathParams(endpoint);
        await fc.assert(
          fc.asyncProperty(
            fc.array(idArbitrary(endpoint), { minLength: params.length, maxLength: params.length }),
            queryFor(endpoint),
            bodyFor(endpoint),
            async (values, query, body) => {
              const path = fillPath(
                endpoint,
                Object.fromEntries(params.map((p, i) => [p, values[i]!])),
              );
              const search = new URLSearchParams(query).toString();
              const before = await fingerprint(app);
              const response = await admin.request(
                endpoint.method.toUpperCase(),
                `${path}${search ? `?${search}` : ''}`,
                endpoint.method === 'get' ? undefined : body,
              );
              const text = await response.text();
              expect(response.status, `${key} ${text.slice(0, 300)}`).toBeLessThan(500);
              if (response.status >= 400) {
                expect(JSON.parse(text)).toMatchObject({ error: { code: expect.any(String) } });
                expect(await fingerprint(app)).toBe(before);
              }
            },
          ),
          // no shrinking: the first counterexample is reported at once, within the test's time
          { numRuns: 20, endOnFailure: true },
        );
      },
    );
  }

  it('when the URL is larger than the HTTP parser takes, then 431 comes in the error shape', async () => {
    const response = await fetch(`${app.url}/api/defenders?q=${'x'.repeat(20_000)}`);
    expect(response.status).toBe(431);
    expect(await response.json()).toEqual({
      error: { code: 'TOO_LARGE', message: expect.any(String) },
    });
  });

  it('when a body is not valid UTF-8, then it is a 4xx', async () => {
    for (const endpoint of listEndpoints().filter((e) => e.body)) {
      const path = fillPath(endpoint, {
        id: ids.defenders?.[0] ?? 'x',
        code: 'X',
        name: 'sectors',
      });
      const response = await fetch(`${app.url}${path}`, {
        method: endpoint.method.toUpperCase(),
        headers: { 'content-type': 'application/json' },
        body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      });
      expect(response.status, `${endpoint.method} ${endpoint.path}`).toBeLessThan(500);
    }
  });
});
