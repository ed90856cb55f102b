// Security review: ways the API could leak or corrupt defenders' data, each proven here first
// and then closed in the code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DefenderOutput, SimilarDefenders } from '@vigil/shared/schemas/defenders';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import { searchTextOf } from '@vigil/shared/search';
import { startTestApp, type TestApp } from './support/app.ts';
import { clientFor } from './support/http.ts';

type Caller = Awaited<ReturnType<typeof clientFor>>;

let app: TestApp;
let admin: Caller;

beforeAll(async () => {
  app = await startTestApp();
  admin = await clientFor(app, 'ADMIN');
});
afterAll(() => app.close());

async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

async function created<T>(response: Response): Promise<T> {
  expect(response.status, await response.clone().text()).toBe(201);
  return json<T>(response);
}

function defenderBody(fields: Record<string, unknown> = {}) {
  return {
    displayName: 'Sophal Keo',
    legalName: 'Keo Sophal',
    region: 'Koh Kong',
    contact: 'Signal +855 12 000 000',
    country: 'KH',
    ...fields,
  };
}

function incidentBody(defenderId: string, fields: Record<string, unknown> = {}) {
  return {
    title: 'Arrest of a land activist',
    summary: 'Police arrested the defender at a protest against the dam.',
    occurredOn: '2014-05-03',
    country: 'KH',
    acts: [{ defenderId, violation: 'ARBITRARY_ARREST', perpetrators: ['POLICE'] }],
    ...fields,
  };
}

async function setCountries(user: { id: string }, countries: string[]) {
  const current = await json<{ version: number }>(await admin.get(`/api/users/${user.id}`));
  const response = await admin.request('PATCH', `/api/users/${user.id}`, {
    version: current.version,
    countries,
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

describe('own records and the countries a researcher works on', () => {
  it('when an admin takes a country away from a researcher, then what they created there is no longer theirs to read or move', async () => {
    const researcher = await clientFor(app, 'RESEARCHER', ['KH']);
    const defender = await created<DefenderOutput>(
      await researcher.request('POST', '/api/defenders', defenderBody()),
    );
    const incident = await created<IncidentOutput>(
      await researcher.request(
        'POST',
        '/api/incidents',
        incidentBody(defender.id, {
          confidentiality: 'RESTRICTED',
          sources: [
            {
              kind: 'WITNESS_TESTIMONY',
              reliability: 'RELIABLE',
              description: 'Interview',
              identity: 'Witness: Chan Sokha, +855 97 000 000',
            },
          ],
        }),
      ),
    );

    await setCountries(researcher.user, ['MM']);

    expect((await researcher.get(`/api/defenders/${defender.id}`)).status).toBe(404);
    expect((await researcher.get(`/api/incidents/${incident.id}`)).status).toBe(404);
    const defenders = await json<{ items: { id: string }[] }>(
      await researcher.get('/api/defenders?limit=200'),
    );
    expect(defenders.items.map((item) => item.id)).not.toContain(defender.id);
    const incidents = await json<{ items: { id: string }[] }>(
      await researcher.get('/api/incidents?limit=200'),
    );
    expect(incidents.items.map((item) => item.id)).not.toContain(incident.id);
    const submitted = await researcher.request('POST', `/api/incidents/${incident.id}/transition`, {
      to: 'SUBMITTED',
      version: incident.version,
    });
    expect(submitted.status).toBe(404);
  });

  it('when a manager moves a researcher’s defender to another country, then its sensitive fields stay behind', async () => {
    const researcher = await clientFor(app, 'RESEARCHER', ['KH']);
    const manager = await clientFor(app, 'MANAGER', ['KH', 'MM']);
    const defender = await created<DefenderOutput>(
      await researcher.request('POST', '/api/defenders', defenderBody()),
    );
    const moved = await manager.request('PATCH', `/api/defenders/${defender.id}`, {
      version: defender.version,
      country: 'MM',
    });
    expect(moved.status).toBe(200);

    const read = await researcher.get(`/api/defenders/${defender.id}`);
    expect(read.status).toBe(404);
    expect(await read.text()).not.toContain('Signal +855');
  });
});

describe('similar defenders', () => {
  it('when a hundred defenders the caller may not read are more alike, then the readable duplicate is still suggested', async () => {
    const researcher = await clientFor(app, 'RESEARCHER', ['KH']);
    const hidden = 'Aung Kyaw Min';
    await app.database.db.defender.createMany({
      data: Array.from({ length: 120 }, () => ({
        displayName: hidden,
        country: 'MM',
        createdById: admin.userId,
        searchText: searchTextOf([hidden]),
      })),
    });
    const readable = await created<DefenderOutput>(
      await researcher.request(
        'POST',
        '/api/defenders',
        defenderBody({ displayName: 'Aung Kyaw Minn' }),
      ),
    );

    const response = await researcher.get(
      `/api/defenders/similar?name=${encodeURIComponent(hidden)}`,
    );
    expect(response.status).toBe(200);
    const { items } = await json<SimilarDefenders>(response);
    expect(items.map((item) => item.id)).toEqual([readable.id]);
  });
});

describe('bad input is a 400, never a 500', () => {
  const nul = 'a\u0000b';

  it('when text carries a NUL character, then every endpoint answers 400 VALIDATION', async () => {
    const researcher = await clientFor(app, 'RESEARCHER', ['KH']);
    const user = await json<{ id: string; version: number }>(
      await admin.get(`/api/users/${researcher.userId}`),
    );
    const query = encodeURIComponent(nul);
    const answers = {
      'defender name': await admin.request(
        'POST',
        '/api/defenders',
        defenderBody({ contact: nul }),
      ),
      'defender q': await admin.get(`/api/defenders?q=${query}`),
      'similar name': await researcher.get(`/api/defenders/similar?name=${query}`),
      'advocacy title': await admin.request('POST', '/api/advocacy', {
        kind: 'STATEMENT',
        title: nul,
        date: '2024-01-01',
      }),
      'advocacy q': await admin.get(`/api/advocacy?q=${query}`),
      'user name': await admin.request('POST', '/api/users', {
        email: 'nul@example.test',
        name: nul,
        role: 'RESEARCHER',
        password: 'a long enough password',
      }),
      'user rename': await admin.request('PATCH', `/api/users/${user.id}`, {
        version: user.version,
        name: nul,
      }),
      'user q': await admin.get(`/api/users?q=${query}`),
      'term label': await admin.request('POST', '/api/vocabularies/sectors', {
        code: 'NUL_TEST',
        label: nul,
      }),
      'term code in the path': await researcher.request(
        'PATCH',
        `/api/vocabularies/sectors/${query}`,
        { label: 'x' },
      ),
      'audit entity': await admin.get(`/api/audit?entity=${query}`),
      'audit entityId': await admin.get(`/api/audit?entityId=${query}`),
      'sign-in email': await fetch(`${app.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: nul, password: 'whatever it is' }),
      }),
    };
    const statuses = Object.fromEntries(
      await Promise.all(
        Object.entries(answers).map(async ([what, response]) => [
          what,
          `${response.status} ${(await json<{ error?: { code: string } }>(response)).error?.code}`,
        ]),
      ),
    );
    expect(statuses).toEqual(
      Object.fromEntries(Object.keys(answers).map((what) => [what, '400 VALIDATION'])),
    );
  });
});

describe('dates before year 1', () => {
  it('when a date or moment falls in year 0, then it is 400 VALIDATION, in bodies and filters alike', async () => {
    const researcher = await clientFor(app, 'RESEARCHER', ['KH']);
    const defender = await created<DefenderOutput>(
      await researcher.request('POST', '/api/defenders', defenderBody()),
    );
    const answers = {
      'incident occurredOn': await researcher.request(
        'POST',
        '/api/incidents',
        incidentBody(defender.id, { occurredOn: '0000-05-03' }),
      ),
      'advocacy date': await admin.request('POST', '/api/advocacy', {
        kind: 'STATEMENT',
        title: 'Statement',
        date: '0000-01-01',
      }),
      'incidents from': await admin.get('/api/incidents?from=0000-01-01'),
      'advocacy to': await admin.get('/api/advocacy?to=0000-12-31'),
      'audit from, a day': await admin.get('/api/audit?from=0000-01-01'),
      // year 1 in Paris is still year 0 in UTC
      'audit from, a moment': await admin.get(
        `/api/audit?from=${encodeURIComponent('0001-01-01T00:30:00+01:00')}`,
      ),
    };
    const statuses = Object.fromEntries(
      await Promise.all(
        Object.entries(answers).map(async ([what, response]) => [
          what,
          `${response.status} ${(await json<{ error?: { code: string } }>(response)).error?.code}`,
        ]),
      ),
    );
    expect(statuses).toEqual(
      Object.fromEntries(Object.keys(answers).map((what) => [what, '400 VALIDATION'])),
    );
    expect((await admin.get('/api/incidents?from=0001-01-01')).status).toBe(200);
  });
});

describe('cursors', () => {
  const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('when a forged cursor holds an id that is no uuid or a moment in year 0, then every list answers 400 VALIDATION', async () => {
    const researcher = await clientFor(app, 'RESEARCHER', ['KH']);
    const defender = await created<DefenderOutput>(
      await researcher.request('POST', '/api/defenders', defenderBody()),
    );
    const incident = await created<IncidentOutput>(
      await researcher.request('POST', '/api/incidents', incidentBody(defender.id)),
    );
    const forged = [
      cursorOf({ at: '2024-01-01T00:00:00.000Z', id: 'not-a-uuid' }),
      cursorOf({ at: '0000-06-01T00:00:00.000Z', id: defender.id }),
    ];
    const lists = [
      '/api/defenders',
      '/api/incidents',
      `/api/incidents/${incident.id}/transitions`,
      '/api/advocacy',
      '/api/users',
      '/api/audit',
    ];
    const answers: Record<string, string> = {};
    for (const list of lists) {
      for (const [index, cursor] of forged.entries()) {
        const response = await admin.get(`${list}?cursor=${cursor}`);
        const body = await json<{ error?: { code: string; details?: { path: string }[] } }>(
          response,
        );
        answers[`${list} #${index}`] =
          `${response.status} ${body.error?.code} ${body.error?.details?.[0]?.path}`;
      }
    }
    expect(answers).toEqual(
      Object.fromEntries(Object.keys(answers).map((key) => [key, '400 VALIDATION query.cursor'])),
    );
  });
});
