// How many SQL statements each list endpoint sends. A list must cost the same few statements
// however many items its page holds: a statement per item (or per item's children) is what
// makes a list slow at a million incidents, and this suite fails as soon as one creeps in.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listEndpoints, type Endpoint } from '../server/src/http/routes.ts';
import {
  createDefender,
  incidentBody,
  postIncident,
} from '../server/src/modules/incidents/incidents.factories.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { fillPath, pathParams } from './support/catalogue.ts';
import { clientFor, type RoleClient } from './support/http.ts';

const records = 12;
const small = 2;
const large = 10;

// What a page costs at most: the session with its user, and the page with its items' children
// (Prisma's relation joins); a list under a record first checks that the caller may read it.
const budgetOf = (endpoint: Endpoint) => (endpoint.path.includes('{id}') ? 3 : 2);

const isList = (endpoint: Endpoint) =>
  endpoint.method === 'get' &&
  endpoint.response !== undefined &&
  'shape' in endpoint.response &&
  typeof endpoint.response.shape === 'object' &&
  endpoint.response.shape !== null &&
  'nextCursor' in endpoint.response.shape;

describe('SQL statements per list page', () => {
  let app: TestApp;
  let admin: RoleClient;
  const ids: Record<string, string> = {};
  const query = vi.spyOn(pg.Client.prototype, 'query');

  // The statements one request sends, counted on every connection of the process.
  async function statementsOf(path: string) {
    query.mockClear();
    const response = await admin.get(path);
    expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
    const body = (await response.json()) as { items: unknown[] };
    return { statements: query.mock.calls.length, items: body.items.length };
  }

  beforeAll(async () => {
    app = await startTestApp();
    admin = await clientFor(app, 'ADMIN');
    const defenders = [];
    for (let i = 0; i < records; i += 1) {
      defenders.push((await createDefender(app, { country: 'KH', createdById: admin.userId })).id);
    }
    const incidentIds = [];
    for (let i = 0; i < records; i += 1) {
      const incident = await postIncident(
        admin,
        incidentBody(defenders[i]!, {
          acts: [
            { defenderId: defenders[i]!, violation: 'ARBITRARY_ARREST', perpetrators: ['POLICE'] },
            {
              defenderId: defenders[(i + 1) % records]!,
              violation: 'JUDICIAL_HARASSMENT',
              perpetrators: [],
            },
          ],
          charges: [
            { defenderId: defenders[i]!, law: 'Criminal Code art. 495', status: 'CHARGED' },
          ],
          sources: [
            { kind: 'WITNESS_TESTIMONY', reliability: 'RELIABLE', description: 'A witness' },
            { kind: 'MEDIA_REPORT', reliability: 'FAIRLY_RELIABLE', description: 'A report' },
          ],
        }),
      );
      incidentIds.push(incident.id);
    }
    for (let i = 0; i < records; i += 1) {
      const response = await admin.request('POST', '/api/advocacy', {
        kind: 'STATEMENT',
        title: `Statement ${i}`,
        date: '2026-03-01',
        status: 'DRAFT',
        incidentIds: incidentIds.slice(0, 3),
        defenderIds: defenders.slice(0, 3),
      });
      expect(response.status, await response.clone().text()).toBe(201);
      ids.advocacy ??= ((await response.json()) as { id: string }).id;
    }
    for (let i = 0; i < records; i += 1) await clientFor(app, 'RESEARCHER', ['KH']);
    ids.incident = incidentIds[0]!;
    // a history of submissions and returns, for the list of transitions
    let version = 1;
    for (let i = 0; i < records / 2; i += 1) {
      for (const [to, comment] of [['SUBMITTED'], ['DRAFT', 'Needs a second source']] as const) {
        const response = await admin.request('POST', `/api/incidents/${ids.incident}/transition`, {
          to,
          version,
          comment,
        });
        expect(response.status, await response.clone().text()).toBe(200);
        version = ((await response.json()) as { version: number }).version;
      }
    }
    ids.defender = defenders[0]!;
    for (const [parent, id] of Object.entries(ids)) {
      const path = { incident: 'incidents', defender: 'defenders', advocacy: 'advocacy' }[parent];
      for (let i = 0; i < records; i += 1) {
        const form = new FormData();
        form.append('file', new Blob([`note ${i}`], { type: 'text/plain' }), `note-${i}.txt`);
        const response = await admin.request('POST', `/api/${path}/${id}/attachments`, form);
        expect(response.status, await response.clone().text()).toBe(201);
      }
    }
  }, 120_000);

  afterAll(async () => {
    query.mockRestore();
    await app?.close();
  });

  const lists = listEndpoints().filter(isList);

  it('when the catalogue is read, then it has every list endpoint', () => {
    expect(lists.map((endpoint) => endpoint.path)).toEqual(
      expect.arrayContaining([
        '/api/incidents',
        '/api/defenders',
        '/api/advocacy',
        '/api/audit',
        '/api/users',
        '/api/incidents/{id}/attachments',
      ]),
    );
  });

  it.each(lists.map((endpoint) => [endpoint.path, endpoint] as const))(
    'when %s is asked for pages of 2 and of 10, then both send the same few statements',
    async (_path, endpoint) => {
      const values = Object.fromEntries(pathParams(endpoint).map((name) => [name, ids.incident!]));
      const parent = endpoint.path.split('/')[2];
      if (parent === 'defenders') values.id = ids.defender!;
      if (parent === 'advocacy') values.id = ids.advocacy!;
      const path = fillPath(endpoint, values);
      const few = await statementsOf(`${path}?limit=${small}`);
      const many = await statementsOf(`${path}?limit=${large}`);
      expect([few.items, many.items]).toEqual([small, large]);
      expect(many.statements, `${path}: ${few.statements} then ${many.statements}`).toBe(
        few.statements,
      );
      expect(many.statements).toBeLessThanOrEqual(budgetOf(endpoint));
    },
  );
});
