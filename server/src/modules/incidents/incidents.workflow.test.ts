import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentStatus } from '@vigil/shared/enums';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { clientFor, type RoleClient as Client } from '../../../../tests/support/http.ts';
import {
  auditEventsOf,
  countRows,
  createDefender,
  errorCodeOf,
  incidentBody,
  json,
  postIncident,
  setStatus,
} from './incidents.factories.ts';

type Actor = 'author' | 'colleague' | 'manager' | 'admin' | 'advocacy';

const twoSources = [
  { kind: 'VICTIM_TESTIMONY', reliability: 'RELIABLE', description: 'Interview' },
  { kind: 'COURT_RECORD', reliability: 'HIGHLY_RELIABLE', description: 'Charge sheet' },
];

describe('/api/incidents/:id/transition', () => {
  let app: TestApp;
  let clients: Record<Actor, Client>;
  let outsider: Client;
  let defenderId: string;

  beforeAll(async () => {
    app = await startTestApp();
    const [author, colleague, manager, admin, advocacy] = await Promise.all([
      clientFor(app, 'RESEARCHER', ['KH']),
      clientFor(app, 'RESEARCHER', ['KH']),
      clientFor(app, 'MANAGER', ['KH']),
      clientFor(app, 'ADMIN'),
      clientFor(app, 'ADVOCACY', ['KH']),
    ]);
    clients = { author, colleague, manager, admin, advocacy };
    outsider = await clientFor(app, 'MANAGER', ['MM']);
    defenderId = (await createDefender(app, { country: 'KH', createdById: author.userId })).id;
  });
  afterAll(() => app.close());

  async function incidentIn(status: IncidentStatus, sources = twoSources) {
    const created = await postIncident(clients.author, incidentBody(defenderId, { sources }));
    return status === 'DRAFT'
      ? created
      : { ...created, ...(await setStatus(app, created, status)) };
  }

  const move = (client: Client, incident: { id: string }, body: Record<string, unknown>) =>
    client.request('POST', `/api/incidents/${incident.id}/transition`, body);

  // The workflow's edges, and who may take them: researchers submit their own drafts,
  // managers and admins do everything, advocacy nothing (and reads only VERIFIED/ARCHIVED).
  const edges: [IncidentStatus, IncidentStatus, Record<Actor, number>][] = [
    [
      'DRAFT',
      'SUBMITTED',
      { author: 200, colleague: 403, manager: 200, admin: 200, advocacy: 404 },
    ],
    [
      'SUBMITTED',
      'VERIFIED',
      { author: 403, colleague: 403, manager: 200, admin: 200, advocacy: 404 },
    ],
    [
      'SUBMITTED',
      'DRAFT',
      { author: 403, colleague: 403, manager: 200, admin: 200, advocacy: 404 },
    ],
    [
      'VERIFIED',
      'ARCHIVED',
      { author: 403, colleague: 403, manager: 200, admin: 200, advocacy: 403 },
    ],
  ];
  const cases = edges.flatMap(([from, to, expected]) =>
    Object.entries(expected).map(([actor, status]) => [from, to, actor as Actor, status] as const),
  );

  it.each(cases)(
    'when %s → %s is asked by the %s, then it is %i',
    async (from, to, actor, status) => {
      const incident = await incidentIn(from);
      const before = await countRows(app);
      const response = await move(clients[actor], incident, {
        to,
        version: incident.version,
        comment: 'Needs the charge sheet',
      });
      expect(response.status).toBe(status);
      if (status !== 200) {
        expect(await countRows(app)).toEqual(before);
        return;
      }
      expect(await json(response)).toMatchObject({ status: to, version: incident.version + 1 });
      const [event] = await auditEventsOf(app, incident.id, 'TRANSITION');
      expect(event).toMatchObject({
        actorId: clients[actor].userId,
        country: 'KH',
        changes: { status: { from, to }, comment: 'Needs the charge sheet' },
      });
      const history = await json<{ items: unknown[] }>(
        await clients[actor].get(`/api/incidents/${incident.id}/transitions`),
      );
      expect(history.items).toEqual([
        {
          id: expect.any(String),
          from,
          to,
          comment: 'Needs the charge sheet',
          actorId: clients[actor].userId,
          at: expect.any(String),
        },
      ]);
    },
  );

  const missingEdges: [IncidentStatus, IncidentStatus][] = [
    ['DRAFT', 'VERIFIED'],
    ['DRAFT', 'ARCHIVED'],
    ['DRAFT', 'DRAFT'],
    ['SUBMITTED', 'ARCHIVED'],
    ['VERIFIED', 'DRAFT'],
    ['VERIFIED', 'SUBMITTED'],
    ['ARCHIVED', 'VERIFIED'],
    ['ARCHIVED', 'DRAFT'],
  ];

  it.each(missingEdges)(
    'when %s → %s is asked, then it is 409 INVALID_TRANSITION, even for an admin',
    async (from, to) => {
      const incident = await incidentIn(from);
      const response = await move(clients.admin, incident, {
        to,
        version: incident.version,
        comment: 'x',
      });
      expect(response.status).toBe(409);
      expect(await errorCodeOf(response)).toBe('INVALID_TRANSITION');
    },
  );

  it('when an incident with fewer than two sources is verified, then it is refused and nothing is written', async () => {
    const incident = await incidentIn('SUBMITTED', twoSources.slice(0, 1));
    const before = await countRows(app);
    const response = await move(clients.manager, incident, {
      to: 'VERIFIED',
      version: incident.version,
    });
    expect(response.status).toBe(409);
    const body = await json<{ error: { code: string; message: string } }>(response);
    expect(body.error.code).toBe('INVALID_TRANSITION');
    expect(body.error.message).toMatch(/at least 2 independent sources/);
    expect(await countRows(app)).toEqual(before);
  });

  it('when an incident is returned to its author without a comment, then it is 400', async () => {
    const incident = await incidentIn('SUBMITTED');
    const response = await move(clients.manager, incident, {
      to: 'DRAFT',
      version: incident.version,
    });
    expect(response.status).toBe(400);
    const body = await json<{ error: { code: string; details: { path: string }[] } }>(response);
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.details.map((detail) => detail.path)).toEqual(['body.comment']);
  });

  it('when a transition carries a stale version, then it is 409 CONFLICT with the current incident', async () => {
    const incident = await incidentIn('DRAFT');
    const response = await move(clients.author, incident, { to: 'SUBMITTED', version: 7 });
    expect(response.status).toBe(409);
    const body = await json<{ error: { code: string; details: { current: IncidentOutput } } }>(
      response,
    );
    expect(body.error.code).toBe('CONFLICT');
    expect(body.error.details.current).toMatchObject({
      id: incident.id,
      status: 'DRAFT',
      version: 1,
    });
  });

  it('when a request breaks several rules, then the answer follows 404, CONFLICT, INVALID_TRANSITION, FORBIDDEN, sources', async () => {
    const oneSource = await incidentIn('SUBMITTED', twoSources.slice(0, 1));
    const version = oneSource.version;
    const answers = [
      [outsider, { to: 'ARCHIVED', version: version + 1 }],
      [clients.author, { to: 'ARCHIVED', version: version + 1 }],
      [clients.author, { to: 'ARCHIVED', version }],
      [clients.author, { to: 'VERIFIED', version }],
      [clients.manager, { to: 'VERIFIED', version }],
    ] as const;
    const codes = [];
    for (const [client, body] of answers)
      codes.push(await errorCodeOf(await move(client, oneSource, body)));
    expect(codes).toEqual([
      'NOT_FOUND',
      'CONFLICT',
      'INVALID_TRANSITION',
      'FORBIDDEN',
      'INVALID_TRANSITION',
    ]);
  });

  it('when the same transition is sent twice at once, then one moves the incident and the other gets CONFLICT', async () => {
    const incident = await incidentIn('DRAFT');
    const responses = await Promise.all(
      [1, 2].map(() => move(clients.author, incident, { to: 'SUBMITTED', version: 1 })),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    expect(await auditEventsOf(app, incident.id, 'TRANSITION')).toHaveLength(1);
    expect(
      await app.database.db.incidentTransition.count({ where: { incidentId: incident.id } }),
    ).toBe(1);
  });

  // DRAFT → SUBMITTED → returned with a comment → SUBMITTED → VERIFIED → ARCHIVED with one
  async function throughTheWholeWay() {
    let incident: { id: string; version: number } = await incidentIn('DRAFT');
    const steps: [Client, IncidentStatus, string?][] = [
      [clients.author, 'SUBMITTED'],
      [clients.manager, 'DRAFT', 'Add the court record'],
      [clients.author, 'SUBMITTED'],
      [clients.manager, 'VERIFIED'],
      [clients.admin, 'ARCHIVED', 'Released'],
    ];
    for (const [client, to, comment] of steps) {
      const response = await move(client, incident, { to, version: incident.version, comment });
      expect(response.status).toBe(200);
      incident = await json<IncidentOutput>(response);
    }
    return incident;
  }

  it('when an incident goes the whole way, then its history lists every step oldest first, page by page', async () => {
    const incident = await throughTheWholeWay();
    expect((await outsider.get(`/api/incidents/${incident.id}/transitions`)).status).toBe(404);
    const seen: unknown[] = [];
    let path = `/api/incidents/${incident.id}/transitions?limit=2`;
    for (;;) {
      const page = await json<{
        items: { to: string; comment: string | null }[];
        nextCursor: string | null;
      }>(await clients.manager.get(path));
      seen.push(...page.items.map((item) => [item.to, item.comment]));
      if (!page.nextCursor) break;
      path = `/api/incidents/${incident.id}/transitions?limit=2&cursor=${page.nextCursor}`;
    }
    expect(seen).toEqual([
      ['SUBMITTED', null],
      ['DRAFT', 'Add the court record'],
      ['SUBMITTED', null],
      ['VERIFIED', null],
      ['ARCHIVED', 'Released'],
    ]);
  });

  // Review notes are for those who take part in review: the author, managers and admins.
  it.each<[Actor, boolean]>([
    ['author', true],
    ['manager', true],
    ['admin', true],
    ['colleague', false],
    ['advocacy', false],
  ])(
    'when a %s reads the history of a verified incident that was returned once, then its comments are there: %s',
    async (actor, withComments) => {
      const incident = await throughTheWholeWay();
      const response = await clients[actor].get(`/api/incidents/${incident.id}/transitions`);
      expect(response.status).toBe(200);
      const { items } = await json<{ items: Record<string, unknown>[] }>(response);
      expect(items.map((item) => item.to)).toEqual([
        'SUBMITTED',
        'DRAFT',
        'SUBMITTED',
        'VERIFIED',
        'ARCHIVED',
      ]);
      const comments = items.map((item) => item.comment);
      expect(comments).toEqual(
        withComments
          ? [null, 'Add the court record', null, null, 'Released']
          : [undefined, undefined, undefined, undefined, undefined],
      );
      expect(JSON.stringify(items).includes('Add the court record')).toBe(withComments);
    },
  );
});
