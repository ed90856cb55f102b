import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentStatus } from '@vigil/shared/enums';
import { mondayOf, type TeamStatsOutput, type TeamWeek } from '@vigil/shared/schemas/stats';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { anonymous, clientFor, type RoleClient } from '../../../../tests/support/http.ts';
import {
  createDefender,
  errorCodeOf,
  incidentBody,
  json,
  postIncident,
} from '../incidents/incidents.factories.ts';

const twoSources = [
  { kind: 'VICTIM_TESTIMONY', reliability: 'RELIABLE', description: 'Interview' },
  { kind: 'COURT_RECORD', reliability: 'HIGHLY_RELIABLE', description: 'Charge sheet' },
];
const day = 24 * 60 * 60 * 1000;

describe('GET /api/stats/team', () => {
  let app: TestApp;
  let author: RoleClient;
  let colleague: RoleClient;
  let manager: RoleClient;
  let admin: RoleClient;
  let researcherMM: RoleClient;
  let thisWeek: string;
  let weeksAgo: (weeks: number) => Date;
  let defenderKH: string;

  const move = async (
    client: RoleClient,
    incident: { id: string; version: number },
    to: IncidentStatus,
  ) => {
    const response = await client.request('POST', `/api/incidents/${incident.id}/transition`, {
      to,
      version: incident.version,
      ...(to === 'DRAFT' && { comment: 'Please add the court record' }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    return json<{ id: string; version: number }>(response);
  };

  // an incident and its workflow as if they had happened at `at` (straight in the database)
  async function pastIncident(
    creator: RoleClient,
    at: Date,
    fields: { country?: string; transitions?: [IncidentStatus, IncidentStatus, RoleClient][] } = {},
  ) {
    const country = fields.country ?? 'KH';
    const row = await app.database.db.incident.create({
      data: {
        reference: `${country}-1999-${Math.random().toString().slice(2, 8)}`,
        title: 'Past incident',
        summary: 'Fictional',
        occurredOn: new Date('2020-01-01'),
        country,
        createdById: creator.userId,
        createdAt: at,
        acts: { create: [{ position: 0, defenderId: defenderKH, violation: 'TRAVEL_BAN' }] },
        transitions: {
          create: (fields.transitions ?? []).map(([from, to, actor]) => ({
            from,
            to,
            actorId: actor.userId,
            at,
          })),
        },
      },
    });
    return row.id;
  }

  beforeAll(async () => {
    app = await startTestApp();
    [author, colleague, manager, admin, researcherMM] = await Promise.all([
      clientFor(app, 'RESEARCHER', ['KH']),
      clientFor(app, 'RESEARCHER', ['KH']),
      clientFor(app, 'MANAGER', ['KH']),
      clientFor(app, 'ADMIN'),
      clientFor(app, 'RESEARCHER', ['MM']),
    ]);
    defenderKH = (await createDefender(app, { country: 'KH', createdById: admin.userId })).id;
    const defenderMM = (await createDefender(app, { country: 'MM', createdById: admin.userId })).id;

    // this week, through the API: the author records two incidents and submits one; the
    // manager sends it back, the author submits it again, and the manager verifies it
    const first = await postIncident(author, incidentBody(defenderKH, { sources: twoSources }));
    await postIncident(author, incidentBody(defenderKH));
    let moved = await move(author, first, 'SUBMITTED');
    moved = await move(manager, moved, 'DRAFT');
    moved = await move(author, moved, 'SUBMITTED');
    await move(manager, moved, 'VERIFIED');
    // a colleague's RESTRICTED incident counts for the manager too
    await postIncident(colleague, incidentBody(defenderKH, { confidentiality: 'RESTRICTED' }));
    // in Myanmar: outside the Cambodian manager's countries
    const burmese = await postIncident(
      researcherMM,
      incidentBody(defenderMM, { country: 'MM', sources: twoSources }),
    );
    await move(researcherMM, burmese, 'SUBMITTED');
    thisWeek = mondayOf(first.createdAt.slice(0, 10));

    weeksAgo = (weeks: number) => new Date(Date.parse(`${thisWeek}T12:00:00Z`) - weeks * 7 * day);
    await pastIncident(author, weeksAgo(3), {
      transitions: [
        ['DRAFT', 'SUBMITTED', author],
        ['SUBMITTED', 'VERIFIED', manager],
        ['VERIFIED', 'ARCHIVED', manager],
      ],
    });
    // outside the default twelve weeks
    await pastIncident(author, weeksAgo(20));
    // deleted incidents do not count
    const deleted = await pastIncident(colleague, weeksAgo(2));
    await app.database.db.incident.update({
      where: { id: deleted },
      data: { deletedAt: new Date() },
    });
  });
  afterAll(() => app.close());

  async function team(client: RoleClient, query = '') {
    const response = await client.get(`/api/stats/team${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await json<TeamStatsOutput>(response)).weeks;
  }

  const row = (
    week: string,
    who: RoleClient,
    counts: Partial<Pick<TeamWeek, 'created' | 'submitted' | 'verified' | 'returned'>>,
  ): TeamWeek => ({
    week,
    userId: who.userId,
    name: who.user.name,
    created: 0,
    submitted: 0,
    verified: 0,
    returned: 0,
    ...counts,
  });

  it('when a manager asks for the last weeks, then each person of their countries has a row per week of activity', async () => {
    const past = mondayOf(weeksAgo(3).toISOString().slice(0, 10));
    const expected = [
      row(past, author, { created: 1, submitted: 1 }),
      row(past, manager, { verified: 1 }),
      row(thisWeek, author, { created: 2, submitted: 2 }),
      row(thisWeek, colleague, { created: 1 }),
      row(thisWeek, manager, { verified: 1, returned: 1 }),
    ];
    const byWeekAndName = (a: TeamWeek, b: TeamWeek) =>
      a.week.localeCompare(b.week) || a.name.localeCompare(b.name);
    expect(await team(manager)).toEqual(expected.sort(byWeekAndName));
  });

  it('when an admin asks, then every country counts', async () => {
    const weeks = await team(admin);
    expect(weeks).toContainEqual(row(thisWeek, researcherMM, { created: 1, submitted: 1 }));
    expect(weeks.filter((week) => week.userId === author.userId)).toHaveLength(2);
  });

  it('when a period is given, then only what happened within it counts, both days included', async () => {
    const old = weeksAgo(20).toISOString().slice(0, 10);
    expect(await team(manager, `?from=${old}&to=${old}`)).toEqual([
      row(mondayOf(old), author, { created: 1 }),
    ]);
    const dayBefore = new Date(Date.parse(old) - day).toISOString().slice(0, 10);
    expect(await team(manager, `?from=${dayBefore}&to=${dayBefore}`)).toEqual([]);
  });

  it('when activity falls on a Sunday night and the Monday after, then it lands in two ISO weeks', async () => {
    await pastIncident(colleague, new Date('2024-03-10T23:59:59Z'));
    await pastIncident(colleague, new Date('2024-03-11T00:00:00Z'));
    expect(await team(manager, '?from=2024-03-01&to=2024-03-17')).toEqual([
      row('2024-03-04', colleague, { created: 1 }),
      row('2024-03-11', colleague, { created: 1 }),
    ]);
  });

  it.each([
    ['to before from', '?from=2024-03-10&to=2024-03-09', 'query.to'],
    ['from after today', `?from=2999-01-01`, 'query.to'],
    ['more than two years', '?from=2020-01-01&to=2024-01-01', 'query.from'],
    ['a date that is not one', '?from=2024-02-30', 'query.from'],
    ['an unknown parameter', '?week=2024-03-04', 'query'],
  ])('when asked with %s, then the answer is 400 VALIDATION', async (_what, query, path) => {
    const response = await manager.get(`/api/stats/team${query}`);
    expect(response.status).toBe(400);
    const body = await json<{ error: { code: string; details: { path: string }[] } }>(response);
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.details.map((detail) => detail.path)).toContain(path);
  });

  it('when a researcher or an advocacy officer asks, then the answer is 403 FORBIDDEN', async () => {
    const advocacy = await clientFor(app, 'ADVOCACY', ['KH']);
    for (const client of [author, advocacy]) {
      const response = await client.get('/api/stats/team');
      expect(response.status).toBe(403);
      expect(await errorCodeOf(response)).toBe('FORBIDDEN');
    }
  });

  it('when asked without a session, then the answer is 401', async () => {
    const response = await anonymous(app)('GET', '/api/stats/team');
    expect(response.status).toBe(401);
    expect(await errorCodeOf(response)).toBe('UNAUTHENTICATED');
  });
});
