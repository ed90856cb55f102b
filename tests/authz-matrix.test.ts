// The role matrix: every role against every endpoint and action of API.md, on records in and
// out of the caller's countries, their own and others', in every status and confidentiality.
// The expected answer of each case comes from the shared ability (whose every cell is checked
// against API.md's role table in shared/src/auth/abilities.test.ts) and the contract's rules:
// unreadable is 404, readable but forbidden is 403, a workflow edge that does not exist is 409.
// Each case also checks that no sensitive field the caller may not see is in the response.
import { randomUUID } from 'node:crypto';
import { subject } from '@casl/ability';
import { defineAbilityFor, type Action, type AppSubjects } from '@vigil/shared/auth/abilities';
import { defenderSensitiveFields, incidentFields } from '@vigil/shared/auth/fields';
import {
  confidentialities,
  incidentStatuses,
  incidentTransitions,
  type IncidentStatus,
  type Role,
} from '@vigil/shared/enums';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEndpoints } from '../server/src/http/routes.ts';
import { upload } from '../server/src/modules/attachments/attachments.fixtures.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { createUser, signIn, type Client } from './support/http.ts';
import { sealedValue } from './support/sealed-values.ts';
import { enrol } from './support/two-factor.ts';

type Caller = 'researcher' | 'researcherMM' | 'advocacy' | 'manager' | 'admin';
type Creator = Caller | 'colleague';

const people: Record<Creator, { role: Role; countries: string[] }> = {
  researcher: { role: 'RESEARCHER', countries: ['KH'] },
  colleague: { role: 'RESEARCHER', countries: ['KH'] },
  researcherMM: { role: 'RESEARCHER', countries: ['MM'] },
  advocacy: { role: 'ADVOCACY', countries: ['KH'] },
  manager: { role: 'MANAGER', countries: ['KH'] },
  admin: { role: 'ADMIN', countries: [] },
};
const callers: Caller[] = ['researcher', 'researcherMM', 'advocacy', 'manager', 'admin'];

// the records of the matrix: each country with two creators, so that every caller meets own
// and others' records inside and outside their countries
const creatorsIn: Record<string, Creator[]> = {
  KH: ['researcher', 'colleague'],
  MM: ['researcherMM', 'admin'],
};
const countries = Object.keys(creatorsIn);

interface DefenderSpec {
  country: string;
  creator: Creator;
}
interface IncidentSpec extends DefenderSpec {
  status: IncidentStatus;
  confidentiality: (typeof confidentialities)[number];
}

const defenderSpecs: DefenderSpec[] = countries.flatMap((country) =>
  creatorsIn[country]!.map((creator) => ({ country, creator })),
);
const incidentSpecs: IncidentSpec[] = defenderSpecs.flatMap((spec) =>
  incidentStatuses.flatMap((status) =>
    confidentialities.map((confidentiality) => ({ ...spec, status, confidentiality })),
  ),
);
const describeDefender = (s: DefenderSpec) => `${s.creator}'s defender in ${s.country}`;
const describeIncident = (s: IncidentSpec) =>
  `${s.creator}'s ${s.confidentiality} ${s.status} incident in ${s.country}`;

interface World {
  app: TestApp;
  ids: Record<Creator, string>;
  clients: Record<Caller, Client>;
  covered: Set<string>;
  sequence: number;
}
const world = {} as World;

// --- fixtures, written straight to the database so that each case can have a fresh record
async function makeDefender(spec: DefenderSpec) {
  const db = world.app.database.db;
  const id = randomUUID();
  const sealed = (column: string, value: string) =>
    sealedValue(world.app, value, 'Defender', column, id);
  const row = await db.defender.create({
    data: {
      id,
      displayName: `Matrix defender ${(world.sequence += 1)}`,
      legalName: sealed('legalName', 'Legal name (fictional)'),
      contact: sealed('contact', 'signal: +000 0000'),
      region: sealed('region', 'Region (fictional)'),
      country: spec.country,
      createdById: world.ids[spec.creator],
    },
    select: { id: true },
  });
  return row.id;
}

async function makeIncident(spec: IncidentSpec, defenderId: string) {
  const db = world.app.database.db;
  const n = (world.sequence += 1);
  const row = await db.incident.create({
    data: {
      reference: `${spec.country}-1999-${String(n).padStart(5, '0')}`,
      title: `Matrix incident ${n}`,
      summary: 'Fictional incident of the role matrix',
      occurredOn: new Date('2024-03-01'),
      country: spec.country,
      status: spec.status,
      confidentiality: spec.confidentiality,
      createdById: world.ids[spec.creator],
      acts: { create: [{ position: 0, defenderId, violation: 'ARBITRARY_ARREST' }] },
      sources: {
        create: [0, 1].map((position) => {
          const id = randomUUID();
          return {
            id,
            position,
            kind: 'WITNESS_TESTIMONY',
            reliability: 'RELIABLE' as const,
            description: 'A witness (fictional)',
            identity: sealedValue(
              world.app,
              `Witness ${position} (fictional)`,
              'IncidentSource',
              'identity',
              id,
            ),
          };
        }),
      },
    },
    select: { id: true },
  });
  return row.id;
}

const defenderFor = new Map<string, string>();
async function incidentFixture(spec: IncidentSpec) {
  const key = `${spec.country}:${spec.creator}`;
  if (!defenderFor.has(key)) defenderFor.set(key, await makeDefender(spec));
  return makeIncident(spec, defenderFor.get(key)!);
}

async function makeAdvocacy(creator: Creator) {
  const row = await world.app.database.db.advocacyAction.create({
    data: {
      kind: 'STATEMENT',
      title: 'Matrix statement',
      date: new Date('2024-04-01'),
      createdById: world.ids[creator],
    },
    select: { id: true },
  });
  return row.id;
}

async function softDelete(model: 'defender' | 'incident' | 'advocacyAction', id: string) {
  const data = { deletedAt: new Date() };
  if (model === 'defender') await world.app.database.db.defender.update({ where: { id }, data });
  if (model === 'incident') await world.app.database.db.incident.update({ where: { id }, data });
  if (model === 'advocacyAction')
    await world.app.database.db.advocacyAction.update({ where: { id }, data });
}

const versionOf = async (
  model: 'defender' | 'incident' | 'advocacyAction' | 'user',
  id: string,
) => {
  const where = { where: { id }, select: { version: true } };
  const db = world.app.database.db;
  const row =
    model === 'defender'
      ? await db.defender.findUniqueOrThrow(where)
      : model === 'incident'
        ? await db.incident.findUniqueOrThrow(where)
        : model === 'advocacyAction'
          ? await db.advocacyAction.findUniqueOrThrow(where)
          : await db.user.findUniqueOrThrow(where);
  return row.version;
};

// --- the oracle
function can(
  caller: Caller,
  action: Action,
  type: string,
  record?: Record<string, unknown>,
  field?: string,
) {
  const ability = defineAbilityFor({ id: world.ids[caller], ...people[caller] });
  const target = (record ? subject(type, { ...record }) : type) as AppSubjects;
  return ability.can(action, target, field);
}
const defenderRecord = (s: DefenderSpec) => ({
  country: s.country,
  createdById: world.ids[s.creator],
});
const incidentRecord = (s: IncidentSpec) => ({
  country: s.country,
  createdById: world.ids[s.creator],
  status: s.status,
  confidentiality: s.confidentiality,
});

// 404 when unreadable, 403 when readable but not allowed, else the success status
function expected(readable: boolean, allowed: boolean, success: number) {
  if (!readable) return 404;
  return allowed ? success : 403;
}

async function call(
  caller: Caller,
  method: string,
  template: string,
  path: string,
  body?: unknown,
) {
  world.covered.add(`${method.toLowerCase()} ${template}`);
  const response = await world.clients[caller].request(method, path, body);
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

// Sensitive fields come only in a single record read with include=sensitive, exactly when the
// caller may see them; lists and answers to writes never carry them (each shown value is a
// READ_SENSITIVE event).
function expectDefenderFields(
  caller: Caller,
  spec: DefenderSpec,
  body: Record<string, unknown>,
  { sensitive = false } = {},
) {
  for (const field of defenderSensitiveFields) {
    const permitted = sensitive && can(caller, 'read', 'Defender', defenderRecord(spec), field);
    expect(field in body, `${field} ${permitted ? 'missing' : 'leaked'}`).toBe(permitted);
  }
}

function expectIncidentFields(
  caller: Caller,
  spec: IncidentSpec,
  body: Record<string, unknown>,
  { sensitive = false } = {},
) {
  const permitted =
    sensitive && can(caller, 'read', 'Incident', incidentRecord(spec), 'sources.identity');
  const sources = body.sources as Record<string, unknown>[];
  expect(sources).toHaveLength(2);
  for (const source of sources) {
    expect('identity' in source, `identity ${permitted ? 'missing' : 'leaked'}`).toBe(permitted);
  }
}

const sensitiveReadings = (entity: 'Defender' | 'Incident', entityId: string) =>
  world.app.database.db.auditEvent.count({
    where: { entity, entityId, action: 'READ_SENSITIVE' },
  });

beforeAll(async () => {
  world.app = await startTestApp();
  world.covered = new Set();
  world.sequence = 0;
  world.ids = {} as World['ids'];
  world.clients = {} as World['clients'];
  for (const [name, person] of Object.entries(people) as [Creator, (typeof people)[Creator]][]) {
    const user = await createUser(world.app, person);
    world.ids[name] = user.id;
    if (name !== 'colleague')
      world.clients[name] = await signIn(world.app, user.email, user.password);
  }
});
afterAll(() => world.app.close());

describe('lists show exactly the readable records, without forbidden fields', () => {
  const listed = {
    defenders: new Map<string, DefenderSpec>(),
    incidents: new Map<string, IncidentSpec>(),
  };
  beforeAll(async () => {
    for (const spec of defenderSpecs) listed.defenders.set(await makeDefender(spec), spec);
    for (const spec of incidentSpecs) listed.incidents.set(await incidentFixture(spec), spec);
  });

  for (const caller of callers) {
    it(`when ${caller} lists defenders, then only the readable ones come, each with its permitted fields`, async () => {
      const { status, body } = await call(
        caller,
        'GET',
        '/api/defenders',
        '/api/defenders?limit=200',
      );
      expect(status).toBe(200);
      const items = body.items as Record<string, unknown>[];
      const mine = items.filter((item) => listed.defenders.has(item.id as string));
      const readable = [...listed.defenders].filter(([, s]) =>
        can(caller, 'read', 'Defender', defenderRecord(s)),
      );
      expect(mine.map((item) => item.id).sort()).toEqual(readable.map(([id]) => id).sort());
      for (const item of mine)
        expectDefenderFields(caller, listed.defenders.get(item.id as string)!, item);
    });

    it.each(['', '&include=details'])(
      `when ${caller} lists incidents (%s), then only the readable ones come, each with its permitted fields`,
      async (include) => {
        const { status, body } = await call(
          caller,
          'GET',
          '/api/incidents',
          `/api/incidents?limit=200${include}`,
        );
        expect(status).toBe(200);
        const items = (body.items as Record<string, unknown>[]).filter((item) =>
          listed.incidents.has(item.id as string),
        );
        const readable = [...listed.incidents].filter(([, s]) =>
          can(caller, 'read', 'Incident', incidentRecord(s)),
        );
        expect(items.map((item) => item.id).sort()).toEqual(readable.map(([id]) => id).sort());
        for (const item of items) {
          const spec = listed.incidents.get(item.id as string)!;
          // a list item without details carries no child rows, so no source identity either
          if (include) expectIncidentFields(caller, spec, item);
          else expect(item).not.toHaveProperty('sources');
          const fields = Object.keys(item).filter((field) =>
            (incidentFields as readonly string[]).includes(field),
          );
          for (const field of fields) {
            expect(can(caller, 'read', 'Incident', incidentRecord(spec), field), field).toBe(true);
          }
        }
      },
    );

    it(`when ${caller} looks for similar defenders, then only readable ones are suggested`, async () => {
      const { status, body } = await call(
        caller,
        'GET',
        '/api/defenders/similar',
        '/api/defenders/similar?name=Matrix%20defender',
      );
      expect(status).toBe(200);
      for (const item of body.items as Record<string, unknown>[]) {
        const spec = listed.defenders.get(item.id as string);
        if (spec) expect(can(caller, 'read', 'Defender', defenderRecord(spec))).toBe(true);
      }
    });

    it(`when ${caller} lists advocacy actions, then the answer is 200`, async () => {
      expect((await call(caller, 'GET', '/api/advocacy', '/api/advocacy')).status).toBe(200);
    });
  }
});

describe('defenders', () => {
  for (const caller of callers) {
    for (const spec of defenderSpecs) {
      const what = describeDefender(spec);
      const readable = () => can(caller, 'read', 'Defender', defenderRecord(spec));

      it(`when ${caller} reads ${what} with and without include=sensitive, then the answer and its fields follow the role table`, async () => {
        const id = await makeDefender(spec);
        const plain = await call(caller, 'GET', '/api/defenders/{id}', `/api/defenders/${id}`);
        expect(plain.status).toBe(readable() ? 200 : 404);
        if (plain.status === 200) expectDefenderFields(caller, spec, plain.body);
        expect(await sensitiveReadings('Defender', id)).toBe(0);

        const asked = await call(
          caller,
          'GET',
          '/api/defenders/{id}',
          `/api/defenders/${id}?include=sensitive`,
        );
        expect(asked.status).toBe(readable() ? 200 : 404);
        if (asked.status === 200)
          expectDefenderFields(caller, spec, asked.body, { sensitive: true });
        const shown =
          readable() && can(caller, 'read', 'Defender', defenderRecord(spec), 'legalName');
        expect(await sensitiveReadings('Defender', id)).toBe(shown ? 1 : 0);
      });

      it(`when ${caller} updates ${what}, then the role table decides`, async () => {
        const id = await makeDefender(spec);
        const version = await versionOf('defender', id);
        const { status, body } = await call(
          caller,
          'PATCH',
          '/api/defenders/{id}',
          `/api/defenders/${id}`,
          {
            version,
            notes: 'changed by the matrix',
          },
        );
        const allowed = can(caller, 'update', 'Defender', defenderRecord(spec));
        expect(status).toBe(expected(readable(), allowed, 200));
        if (status === 200) expectDefenderFields(caller, spec, body);
      });

      it(`when ${caller} deletes ${what}, then the role table decides`, async () => {
        const id = await makeDefender(spec);
        const { status } = await call(
          caller,
          'DELETE',
          '/api/defenders/{id}',
          `/api/defenders/${id}`,
        );
        expect(status).toBe(
          expected(readable(), can(caller, 'delete', 'Defender', defenderRecord(spec)), 204),
        );
      });

      it(`when ${caller} restores ${what} after its deletion, then only an admin may`, async () => {
        const id = await makeDefender(spec);
        await softDelete('defender', id);
        const { status, body } = await call(
          caller,
          'POST',
          '/api/defenders/{id}/restore',
          `/api/defenders/${id}/restore`,
        );
        expect(status).toBe(can(caller, 'manage', 'Defender', defenderRecord(spec)) ? 200 : 404);
        if (status === 200) expectDefenderFields(caller, spec, body);
      });
    }

    for (const country of countries) {
      it(`when ${caller} creates a defender in ${country}, then the role table decides`, async () => {
        const { status, body } = await call(caller, 'POST', '/api/defenders', '/api/defenders', {
          displayName: `Created by ${caller}`,
          legalName: 'Legal name (fictional)',
          country,
        });
        const allowed = can(caller, 'create', 'Defender', {
          country,
          createdById: world.ids[caller],
        });
        expect(status).toBe(allowed ? 201 : 403);
        if (status === 201) expectDefenderFields(caller, { country, creator: caller }, body);
      });
    }
  }
});

describe('incidents', () => {
  for (const caller of callers) {
    for (const spec of incidentSpecs) {
      const what = describeIncident(spec);
      const readable = () => can(caller, 'read', 'Incident', incidentRecord(spec));

      it(`when ${caller} reads ${what} with and without include=sensitive, and its history, then the role table decides`, async () => {
        const id = await incidentFixture(spec);
        const plain = await call(caller, 'GET', '/api/incidents/{id}', `/api/incidents/${id}`);
        expect(plain.status).toBe(readable() ? 200 : 404);
        if (plain.status === 200) expectIncidentFields(caller, spec, plain.body);
        expect(await sensitiveReadings('Incident', id)).toBe(0);

        const asked = await call(
          caller,
          'GET',
          '/api/incidents/{id}',
          `/api/incidents/${id}?include=sensitive`,
        );
        expect(asked.status).toBe(readable() ? 200 : 404);
        if (asked.status === 200)
          expectIncidentFields(caller, spec, asked.body, { sensitive: true });
        const shown =
          readable() && can(caller, 'read', 'Incident', incidentRecord(spec), 'sources.identity');
        expect(await sensitiveReadings('Incident', id)).toBe(shown ? 1 : 0);

        // a reviewer's note: only for those the ability gives transitions.comment
        await world.app.database.db.incidentTransition.create({
          data: {
            incidentId: id,
            from: 'SUBMITTED',
            to: 'DRAFT',
            comment: 'Review note',
            actorId: world.ids.admin,
          },
        });
        const history = await call(
          caller,
          'GET',
          '/api/incidents/{id}/transitions',
          `/api/incidents/${id}/transitions`,
        );
        expect(history.status).toBe(readable() ? 200 : 404);
        const reviews = can(
          caller,
          'read',
          'Incident',
          incidentRecord(spec),
          'transitions.comment',
        );
        if (history.status === 200) {
          const [step] = history.body.items as Record<string, unknown>[];
          expect('comment' in step!, `comment ${reviews ? 'missing' : 'leaked'}`).toBe(reviews);
        }
      });

      it(`when ${caller} updates ${what}, then the role table decides`, async () => {
        const id = await incidentFixture(spec);
        const version = await versionOf('incident', id);
        const { status, body } = await call(
          caller,
          'PATCH',
          '/api/incidents/{id}',
          `/api/incidents/${id}`,
          {
            version,
            title: 'Changed by the matrix',
          },
        );
        const allowed = can(caller, 'update', 'Incident', incidentRecord(spec));
        expect(status).toBe(expected(readable(), allowed, 200));
        if (status === 200) expectIncidentFields(caller, spec, body);
      });

      it(`when ${caller} deletes ${what}, then the role table decides`, async () => {
        const id = await incidentFixture(spec);
        const { status } = await call(
          caller,
          'DELETE',
          '/api/incidents/{id}',
          `/api/incidents/${id}`,
        );
        expect(status).toBe(
          expected(readable(), can(caller, 'delete', 'Incident', incidentRecord(spec)), 204),
        );
      });

      it(`when ${caller} restores ${what} after its deletion, then only an admin may`, async () => {
        const id = await incidentFixture(spec);
        await softDelete('incident', id);
        const { status, body } = await call(
          caller,
          'POST',
          '/api/incidents/{id}/restore',
          `/api/incidents/${id}/restore`,
        );
        expect(status).toBe(can(caller, 'manage', 'Incident', incidentRecord(spec)) ? 200 : 404);
        if (status === 200) expectIncidentFields(caller, spec, body);
      });

      for (const to of incidentStatuses) {
        it(`when ${caller} moves ${what} to ${to}, then the workflow and the role table decide`, async () => {
          const id = await incidentFixture(spec);
          const version = await versionOf('incident', id);
          const { status, body } = await call(
            caller,
            'POST',
            '/api/incidents/{id}/transition',
            `/api/incidents/${id}/transition`,
            { to, version, comment: 'Matrix transition' },
          );
          const edge = incidentTransitions[spec.status].includes(to);
          const allowed = can(caller, 'transition', 'Incident', incidentRecord(spec), to);
          const want = !readable() ? 404 : !edge ? 409 : allowed ? 200 : 403;
          expect(status, JSON.stringify(body)).toBe(want);
          if (want === 409)
            expect((body.error as { code: string }).code).toBe('INVALID_TRANSITION');
          if (want === 200) expectIncidentFields(caller, spec, body);
        });
      }
    }

    for (const country of countries) {
      it(`when ${caller} creates an incident in ${country}, then the role table decides`, async () => {
        // a defender every creator can read: the check under test is the incident's country
        const defenderId = await makeDefender({ country: 'KH', creator: caller });
        const { status } = await call(caller, 'POST', '/api/incidents', '/api/incidents', {
          title: `Created by ${caller}`,
          summary: 'Fictional',
          occurredOn: '2024-05-01',
          country,
          acts: [{ defenderId, violation: 'TRAVEL_BAN' }],
        });
        const allowed = can(caller, 'create', 'Incident', {
          country,
          createdById: world.ids[caller],
        });
        const defenderReadable = can(caller, 'read', 'Defender', {
          country: 'KH',
          createdById: world.ids[caller],
        });
        expect(status).toBe(!allowed ? 403 : defenderReadable ? 201 : 400);
      });
    }
  }
});

describe('advocacy actions', () => {
  const owners: Creator[] = ['advocacy', 'admin'];
  for (const caller of callers) {
    for (const owner of owners) {
      const what = `${owner}'s advocacy action`;
      const record = () => ({ createdById: world.ids[owner] });

      it(`when ${caller} reads ${what}, then every role may`, async () => {
        const id = await makeAdvocacy(owner);
        const { status } = await call(caller, 'GET', '/api/advocacy/{id}', `/api/advocacy/${id}`);
        expect(status).toBe(can(caller, 'read', 'AdvocacyAction', record()) ? 200 : 404);
      });

      it(`when ${caller} updates ${what}, then the role table decides`, async () => {
        const id = await makeAdvocacy(owner);
        const version = await versionOf('advocacyAction', id);
        const { status } = await call(
          caller,
          'PATCH',
          '/api/advocacy/{id}',
          `/api/advocacy/${id}`,
          {
            version,
            notes: 'changed by the matrix',
          },
        );
        expect(status).toBe(expected(true, can(caller, 'update', 'AdvocacyAction', record()), 200));
      });

      it(`when ${caller} deletes ${what}, then the role table decides`, async () => {
        const id = await makeAdvocacy(owner);
        const { status } = await call(
          caller,
          'DELETE',
          '/api/advocacy/{id}',
          `/api/advocacy/${id}`,
        );
        expect(status).toBe(expected(true, can(caller, 'delete', 'AdvocacyAction', record()), 204));
      });

      it(`when ${caller} restores ${what} after its deletion, then only an admin may`, async () => {
        const id = await makeAdvocacy(owner);
        await softDelete('advocacyAction', id);
        const { status } = await call(
          caller,
          'POST',
          '/api/advocacy/{id}/restore',
          `/api/advocacy/${id}/restore`,
        );
        expect(status).toBe(can(caller, 'manage', 'AdvocacyAction', record()) ? 200 : 404);
      });
    }

    it(`when ${caller} creates an advocacy action, then the role table decides`, async () => {
      const { status } = await call(caller, 'POST', '/api/advocacy', '/api/advocacy', {
        kind: 'JOINT_LETTER',
        title: `Letter by ${caller}`,
        date: '2024-06-01',
      });
      expect(status).toBe(
        can(caller, 'create', 'AdvocacyAction', { createdById: world.ids[caller] }) ? 201 : 403,
      );
    });
  }
});

describe('audit, users, vocabularies and the session', () => {
  for (const caller of callers) {
    it(`when ${caller} reads the audit log, then only managers and admins may, within their countries`, async () => {
      const { status, body } = await call(caller, 'GET', '/api/audit', '/api/audit?limit=200');
      const mayRead = can(caller, 'read', 'AuditEvent');
      expect(status).toBe(mayRead ? 200 : 403);
      if (status !== 200) return;
      for (const item of body.items as { country: string | null }[]) {
        expect(can(caller, 'read', 'AuditEvent', { country: item.country })).toBe(true);
      }
    });

    it(`when ${caller} administers users, then only an admin may`, async () => {
      const admin = can(caller, 'manage', 'User');
      const target = await createUser(world.app, { role: 'RESEARCHER', countries: ['KH'] });
      const list = await call(caller, 'GET', '/api/users', '/api/users');
      const one = await call(caller, 'GET', '/api/users/{id}', `/api/users/${target.id}`);
      const created = await call(caller, 'POST', '/api/users', '/api/users', {
        email: `made-by-${caller}-${Date.now()}@example.test`,
        name: 'Made by the matrix',
        role: 'RESEARCHER',
        countries: ['TH'],
        password: 'a long enough password',
      });
      const version = await versionOf('user', target.id);
      const changed = await call(caller, 'PATCH', '/api/users/{id}', `/api/users/${target.id}`, {
        version,
        countries: ['KH', 'TH'],
      });
      const reset = await call(
        caller,
        'POST',
        '/api/users/{id}/password',
        `/api/users/${target.id}/password`,
        { password: 'a one-time password of the matrix' },
      );
      const removed = await call(caller, 'DELETE', '/api/users/{id}', `/api/users/${target.id}`);
      expect([
        list.status,
        one.status,
        created.status,
        changed.status,
        reset.status,
        removed.status,
      ]).toEqual(admin ? [200, 200, 201, 200, 204, 204] : [403, 403, 403, 403, 403, 403]);
    });

    it(`when ${caller} reads and edits vocabularies, then everyone reads and only an admin edits`, async () => {
      const admin = can(caller, 'update', 'VocabularyTerm');
      const read = await call(caller, 'GET', '/api/vocabularies', '/api/vocabularies');
      const code = `MATRIX_${caller.toUpperCase()}`;
      const added = await call(
        caller,
        'POST',
        '/api/vocabularies/{name}',
        '/api/vocabularies/sectors',
        {
          code,
          label: 'Matrix sector',
        },
      );
      const relabelled = await call(
        caller,
        'PATCH',
        '/api/vocabularies/{name}/{code}',
        `/api/vocabularies/sectors/${admin ? code : 'JOURNALIST_MEDIA'}`,
        { label: 'Relabelled by the matrix' },
      );
      expect([read.status, added.status, relabelled.status]).toEqual(
        admin ? [200, 201, 200] : [200, 403, 403],
      );
    });

    it(`when ${caller} asks who they are, changes their password and signs out, then all three work`, async () => {
      expect((await call(caller, 'GET', '/api/auth/me', '/api/auth/me')).status).toBe(200);
      const user = await createUser(world.app, people[caller]);
      const session = await signIn(world.app, user.email, user.password);
      world.covered.add('post /api/auth/login');
      world.covered.add('post /api/auth/password');
      world.covered.add('post /api/auth/logout');
      const changed = await session.request('POST', '/api/auth/password', {
        currentPassword: user.password,
        newPassword: `a new password for the ${caller}`,
      });
      expect(changed.status).toBe(200);
      const renewed = await signIn(world.app, user.email, `a new password for the ${caller}`);
      expect((await renewed.request('POST', '/api/auth/logout')).status).toBe(204);
    });

    it(`when ${caller} sets up two-factor sign-in for themselves, replaces its recovery codes and turns it off, then all four work`, async () => {
      const user = await createUser(world.app, people[caller]);
      const session = await signIn(world.app, user.email, user.password);
      const { recoveryCodes } = await enrol(session, user.password);
      world.covered.add('post /api/auth/two-factor/setup');
      world.covered.add('post /api/auth/two-factor/enable');
      world.covered.add('post /api/auth/two-factor/recovery-codes');
      world.covered.add('post /api/auth/two-factor/disable');
      const replaced = await session.request('POST', '/api/auth/two-factor/recovery-codes', {
        password: user.password,
        code: recoveryCodes[0],
      });
      expect(replaced.status).toBe(200);
      const { recoveryCodes: fresh } = (await replaced.json()) as { recoveryCodes: string[] };
      const disabled = await session.request('POST', '/api/auth/two-factor/disable', {
        password: user.password,
        code: fresh[0],
      });
      expect(disabled.status).toBe(204);
    });
  }

  it('when the health check and the API document are asked without a session, then they answer', async () => {
    for (const path of ['/api/health', '/api/openapi.json']) {
      const endpoint = listEndpoints().find((e) => e.path === path);
      if (!endpoint) continue;
      world.covered.add(`get ${path}`);
      expect((await fetch(`${world.app.url}${path}`)).status).toBe(200);
    }
  });
});

describe('statistics', () => {
  for (const caller of callers) {
    it(`when ${caller} counts incidents by status, then exactly the incidents they may read are counted`, async () => {
      const { status, body } = await call(
        caller,
        'GET',
        '/api/stats/incidents',
        '/api/stats/incidents?groupBy=status',
      );
      expect(status).toBe(can(caller, 'read', 'Statistics') ? 200 : 403);
      if (status !== 200) return;
      const rows = await world.app.database.db.incident.findMany({
        where: { deletedAt: null },
        select: { country: true, createdById: true, status: true, confidentiality: true },
      });
      const counts: Record<string, number> = {};
      for (const row of rows.filter((row) => can(caller, 'read', 'Incident', row))) {
        counts[row.status] = (counts[row.status] ?? 0) + 1;
      }
      const buckets = body.buckets as { key: string; count: number }[];
      expect(Object.fromEntries(buckets.map((bucket) => [bucket.key, bucket.count]))).toEqual(
        counts,
      );
      expect(body.total).toBe(Object.values(counts).reduce((sum, count) => sum + count, 0));
    });

    it(`when ${caller} asks for the team's weekly figures, then only managers and admins may`, async () => {
      const { status } = await call(caller, 'GET', '/api/stats/team', '/api/stats/team');
      expect(status).toBe(can(caller, 'read', 'TeamStatistics') ? 200 : 403);
    });
  }
});

describe('exports', () => {
  // what a public output must never carry: the matrix's defenders are CONFIDENTIAL (the default)
  const neverExported = [
    'Matrix defender',
    'Legal name',
    'signal:',
    'Region (fictional)',
    'Witness 0',
  ];

  for (const caller of callers) {
    it(`when ${caller} exports each incident as a case summary, then exporters get the readable standard ones, restricted ones only counted, never a confidential or sensitive value`, async () => {
      for (const spec of incidentSpecs) {
        const id = await incidentFixture(spec);
        const { status, body } = await call(
          caller,
          'GET',
          '/api/exports/case-summary',
          `/api/exports/case-summary?format=json&incidentId=${id}`,
        );
        const what = describeIncident(spec);
        const exporter = can(caller, 'create', 'Export');
        expect(status, what).toBe(
          exporter
            ? expected(can(caller, 'read', 'Incident', incidentRecord(spec)), true, 200)
            : 403,
        );
        // with its attachments in a ZIP: the same answer
        const zip = `/api/exports/case-summary?format=json&bundle=zip&incidentId=${id}`;
        expect(await download(caller, '/api/exports/case-summary', zip), what).toBe(status);
        if (status !== 200) continue;
        const restricted = spec.confidentiality === 'RESTRICTED';
        const incidents = body.incidents as { id: string }[];
        expect(
          incidents.map((incident) => incident.id),
          what,
        ).toEqual(restricted ? [] : [id]);
        expect(body.omitted, what).toEqual({
          incidents: restricted ? 1 : 0,
          defenders: restricted ? 0 : 1,
        });
        const text = JSON.stringify(body);
        for (const value of neverExported) expect(text, what).not.toContain(value);
      }
    });
  }
});

// The advocacy drafts are Word files: the answer's status is what the matrix checks.
async function download(caller: Caller, template: string, path: string) {
  world.covered.add(`get ${template}`);
  const response = await world.clients[caller].request('GET', path);
  await response.arrayBuffer();
  return response.status;
}

describe('advocacy drafts', () => {
  for (const caller of callers) {
    it(`when ${caller} asks for a UN submission on each incident, then exporters get the readable standard ones, restricted ones are 404`, async () => {
      for (const spec of incidentSpecs) {
        const id = await incidentFixture(spec);
        const status = await download(
          caller,
          '/api/exports/un-submission/{incidentId}',
          `/api/exports/un-submission/${id}`,
        );
        const readable =
          can(caller, 'read', 'Incident', incidentRecord(spec)) &&
          spec.confidentiality === 'STANDARD';
        expect(status, describeIncident(spec)).toBe(
          can(caller, 'create', 'Export') ? expected(readable, true, 200) : 403,
        );
      }
    });

    it(`when ${caller} asks for the statement draft of each creator's action, then exporters get it`, async () => {
      for (const owner of callers) {
        const id = await makeAdvocacy(owner);
        const status = await download(
          caller,
          '/api/exports/statement/{advocacyId}',
          `/api/exports/statement/${id}`,
        );
        const record = { createdById: world.ids[owner] };
        expect(status, `${owner}'s action`).toBe(
          can(caller, 'create', 'Export')
            ? expected(can(caller, 'read', 'AdvocacyAction', record), true, 200)
            : 403,
        );
      }
    });
  }
});

describe('attachments', () => {
  type Owner = {
    kind: 'defenders' | 'incidents' | 'advocacy';
    type: string;
    record: Record<string, unknown>;
    id: string;
  };
  const text = (name: string) => ({ bytes: Buffer.from(`Evidence of the matrix (${name})`), name });

  // what the caller may do with the attachments of a record: read them with the record, add and
  // delete them where they may update it, see sensitive ones with the record's sensitive fields
  function rightsOf(caller: Caller, owner: Owner) {
    const sensitiveField = { Defender: 'legalName', Incident: 'sources.identity' }[owner.type];
    return {
      read: can(caller, 'read', owner.type, owner.record),
      update: can(caller, 'update', owner.type, owner.record),
      sensitive: sensitiveField
        ? can(caller, 'read', owner.type, owner.record, sensitiveField)
        : people[caller].role === 'MANAGER' || people[caller].role === 'ADMIN',
    };
  }

  async function attach(owner: Owner, fields: Record<string, string> = {}) {
    const response = await upload(
      world.clients.admin,
      `/api/${owner.kind}/${owner.id}/attachments`,
      text(owner.kind),
      fields,
    );
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  async function owners(): Promise<Owner[]> {
    const defenders = await Promise.all(
      defenderSpecs.map(async (spec) => ({
        kind: 'defenders' as const,
        type: 'Defender',
        record: defenderRecord(spec),
        id: await makeDefender(spec),
      })),
    );
    const incidents = await Promise.all(
      incidentSpecs.map(async (spec) => ({
        kind: 'incidents' as const,
        type: 'Incident',
        record: incidentRecord(spec),
        id: await incidentFixture(spec),
      })),
    );
    const actions = await Promise.all(
      (['advocacy', 'admin'] as const).map(async (creator) => ({
        kind: 'advocacy' as const,
        type: 'AdvocacyAction',
        record: { createdById: world.ids[creator] },
        id: await makeAdvocacy(creator),
      })),
    );
    return [...defenders, ...incidents, ...actions];
  }

  for (const caller of callers) {
    it(`when ${caller} lists, reads, downloads, adds and deletes the attachments of every kind of record, then the record's rights decide`, async () => {
      for (const owner of await owners()) {
        const rights = rightsOf(caller, owner);
        const what = `${caller} on ${owner.type} ${JSON.stringify(owner.record)}`;
        const plain = await attach(owner);
        const sensitive = await attach(owner, { sensitive: 'true' });
        const template = `/api/${owner.kind}/{id}/attachments`;
        const list = await call(
          caller,
          'GET',
          template,
          `/api/${owner.kind}/${owner.id}/attachments`,
        );
        expect(list.status, what).toBe(rights.read ? 200 : 404);
        if (list.status === 200) {
          const ids = (list.body.items as { id: string }[]).map((item) => item.id);
          expect(ids.includes(sensitive), what).toBe(rights.sensitive);
        }
        for (const [id, visible] of [
          [plain, rights.read],
          [sensitive, rights.read && rights.sensitive],
        ] as const) {
          const one = await call(caller, 'GET', '/api/attachments/{id}', `/api/attachments/${id}`);
          expect(one.status, what).toBe(visible ? 200 : 404);
          world.covered.add('get /api/attachments/{id}/content');
          const content = await world.clients[caller].get(`/api/attachments/${id}/content`);
          await content.arrayBuffer();
          expect(content.status, what).toBe(visible ? 200 : 404);
        }
        world.covered.add(`post ${template}`);
        const added = await upload(
          world.clients[caller],
          `/api/${owner.kind}/${owner.id}/attachments`,
          text(caller),
        );
        expect(added.status, what).toBe(expected(rights.read, rights.update, 201));
        const removed = await call(
          caller,
          'DELETE',
          '/api/attachments/{id}',
          `/api/attachments/${plain}`,
        );
        expect(removed.status, what).toBe(expected(rights.read, rights.update, 204));
      }
    });
  }
});

describe('coverage', () => {
  it('when the matrix has run, then it has exercised every endpoint of the catalogue', () => {
    const missing = listEndpoints()
      .map((endpoint) => `${endpoint.method} ${endpoint.path}`)
      .filter((key) => !world.covered.has(key));
    expect(missing).toEqual([]);
  });
});
