import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAbilityFor, type AbilityUser } from '@vigil/shared/auth/abilities';
import { accessibleBy } from '@vigil/shared/auth/casl-prisma';
import type { IncidentFilters } from '@vigil/shared/schemas/incidents';
import { Prisma } from '../../../prisma/generated/client.ts';
import { createTestDatabase } from '../../../tests/support/database.ts';
import { readDatamodel } from '../../../tests/support/schema-model.ts';
import { projectRoot } from '../config.ts';
import { readableDefenders } from '../modules/defenders/index.ts';
import { incidentFiltersWhere, readableIncidents } from '../modules/incidents/index.ts';
import { openDatabase, type Database } from './prisma.ts';
import { relations, tableOf, whereSql } from './where-sql.ts';

describe('the relations whereSql follows', () => {
  it('when schema.prisma is read, then they are exactly its relations, on unmapped tables and columns', () => {
    const { datamodel } = readDatamodel(path.join(projectRoot, 'prisma/schema.prisma'));
    const models = new Map(datamodel.models.map((model) => [model.name, model]));
    const declared: Record<string, Record<string, unknown>> = {};
    for (const model of datamodel.models) {
      for (const field of model.fields.filter((f) => f.kind === 'object')) {
        const target = models.get(field.type)!;
        const relation = field.relationFromFields?.length
          ? {
              model: target.name,
              many: false,
              from: field.relationFromFields[0],
              to: field.relationToFields![0],
            }
          : (() => {
              const back = target.fields.find(
                (f) => f.relationName === field.relationName && f.relationFromFields?.length,
              )!;
              return {
                model: target.name,
                many: field.isList,
                from: back.relationToFields![0],
                to: back.relationFromFields![0],
              };
            })();
        (declared[model.name] ??= {})[field.name] = relation;
      }
    }
    expect(relations).toEqual(declared);
    for (const name of Object.keys(declared)) {
      const model = models.get(name)!;
      expect(model.dbName, `${name} maps its table`).toBeNull();
      for (const field of model.fields)
        expect(field.dbName ?? null, `${name}.${field.name}`).toBeNull();
    }
  });
});

// whereSql must select exactly the rows Prisma selects for the same condition.
describe('whereSql against Prisma', () => {
  let database: Database;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = openDatabase(await createTestDatabase());
    const db = database.db;
    const user = (name: string) =>
      db.user.create({
        data: { email: `${name}@example.test`, name, role: 'RESEARCHER', passwordHash: 'x' },
      });
    const [ana, ben] = await Promise.all([user('ana'), user('ben')]);
    ids.ana = ana.id;
    ids.ben = ben.id;
    const defender = (country: string, createdById: string, extra = {}) =>
      db.defender.create({
        data: { displayName: `Defender in ${country}`, country, createdById, ...extra },
      });
    const dKH = await defender('KH', ana.id, { sectors: ['JOURNALIST_MEDIA'], gender: 'FEMALE' });
    const dMM = await defender('MM', ben.id, { sectors: [], deletedAt: new Date() });
    ids.dKH = dKH.id;
    ids.dMM = dMM.id;
    const specs = [
      ['KH', 'DRAFT', 'STANDARD', ana.id, '2014-05-03', 'Arrest at 100% _protest_', null],
      ['KH', 'SUBMITTED', 'RESTRICTED', ben.id, '2015-01-10', 'Surveillance', null],
      ['TH', 'VERIFIED', 'STANDARD', ben.id, '2016-07-20', 'Charges', null],
      ['MM', 'ARCHIVED', 'STANDARD', ana.id, '2013-12-31', 'Raid', null],
      ['MM', 'VERIFIED', 'RESTRICTED', ana.id, '2016-07-21', 'Deleted raid', new Date()],
      ['KH', 'DRAFT', 'STANDARD', ben.id, '2016-02-29', 'Returned draft', null],
    ] as const;
    let n = 0;
    for (const [
      country,
      status,
      confidentiality,
      createdById,
      occurredOn,
      title,
      deletedAt,
    ] of specs) {
      n += 1;
      const incident = await db.incident.create({
        data: {
          reference: `${country}-0000-${n}`,
          title,
          summary: 'Fictional',
          occurredOn: new Date(occurredOn),
          country,
          status,
          confidentiality,
          createdById,
          deletedAt,
          searchText: title.toLowerCase(),
          acts: {
            create: [
              {
                position: 0,
                defenderId: n % 2 ? dKH.id : dMM.id,
                violation: n % 3 ? 'ARBITRARY_ARREST' : 'SURVEILLANCE',
                perpetrators: n % 2 ? ['POLICE'] : n % 3 ? ['POLICE', 'MILITARY'] : [],
              },
              ...(n > 3
                ? [{ position: 1, defenderId: dKH.id, violation: 'TRAVEL_BAN', perpetrators: [] }]
                : []),
            ],
          },
        },
      });
      ids[title] = incident.id;
    }
    await db.incidentTransition.createMany({
      data: [
        { incidentId: ids['Returned draft']!, from: 'DRAFT', to: 'SUBMITTED', actorId: ben.id },
        { incidentId: ids['Returned draft']!, from: 'SUBMITTED', to: 'DRAFT', actorId: ana.id },
        { incidentId: ids.Charges!, from: 'SUBMITTED', to: 'VERIFIED', actorId: ana.id },
      ],
    });
    const action = (deletedAt: Date | null, incidentId: string) =>
      db.advocacyAction.create({
        data: {
          kind: 'STATEMENT',
          title: 'Statement',
          date: new Date('2017-01-01'),
          createdById: ana.id,
          deletedAt,
          incidents: { create: [{ incidentId }] },
        },
      });
    await action(null, ids.Charges!);
    await action(new Date(), ids.Raid!);
  });
  afterAll(() => database.close());

  async function expectSameIncidents(where: Prisma.IncidentWhereInput) {
    const viaPrisma = await database.db.incident.findMany({ where, select: { id: true } });
    const viaSql = await database.db.$queryRaw<{ id: string }[]>(
      Prisma.sql`SELECT t."id" FROM ${tableOf('Incident')} AS t WHERE ${whereSql('Incident', 't', where)}`,
    );
    expect(viaSql.map((row) => row.id).sort(), JSON.stringify(where)).toEqual(
      viaPrisma.map((row) => row.id).sort(),
    );
  }

  const callers: AbilityUser[] = (['RESEARCHER', 'ADVOCACY', 'MANAGER', 'ADMIN'] as const).flatMap(
    (role) => [
      { id: 'ana', role, countries: [] },
      { id: 'ana', role, countries: ['KH', 'TH'] },
    ],
  );
  const abilityOf = (caller: AbilityUser) =>
    defineAbilityFor({ ...caller, id: ids[caller.id] ?? caller.id });

  for (const caller of callers) {
    it(`when a ${caller.role} of ${caller.countries.join(',') || 'every country'} reads, then the same incidents and defenders come`, async () => {
      const ability = abilityOf(caller);
      // (not accessibleBy alone: Prisma reads a where of nothing but `OR: [{}]`, a rule without
      // conditions, as false, though it reads it as true inside an AND like the ones below)
      await expectSameIncidents({ AND: [accessibleBy(ability, 'read').ofType('Incident')] });
      await expectSameIncidents(readableIncidents(ability));
      await expectSameIncidents({ acts: { some: { defender: readableDefenders(ability) } } });
    });
  }

  const filterValues: IncidentFilters[] = [
    { q: '100% _protest' },
    { q: 'raid' },
    { country: ['KH', 'TH'] },
    { violation: ['TRAVEL_BAN'] },
    { perpetrator: ['MILITARY', 'NOBODY'] },
    { status: ['DRAFT', 'ARCHIVED'] },
    { verification: ['UNVERIFIED'] },
    { from: '2014-05-03', to: '2016-02-29' },
    { createdById: ['ana'] },
    { id: ['Raid', 'Charges', 'Deleted raid'] },
    { returned: true },
    { returned: false },
    { linkedToAdvocacy: true },
    { linkedToAdvocacy: false },
  ];
  // names stand for the ids made in beforeAll
  const withIds = (filters: IncidentFilters): IncidentFilters => ({
    ...filters,
    ...(filters.createdById && { createdById: filters.createdById.map((name) => ids[name]!) }),
    ...(filters.id && { id: filters.id.map((name) => ids[name]!) }),
  });

  it('when each list filter is applied, then the same incidents come', async () => {
    for (const filters of filterValues) {
      await expectSameIncidents({ AND: incidentFiltersWhere(withIds(filters)) });
    }
    await expectSameIncidents({ AND: incidentFiltersWhere({ defenderId: [ids.dMM!] }) });
  });

  it('when filters combine with any caller’s ability, then the same incidents come', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...callers),
        fc.subarray(filterValues, { maxLength: 3 }),
        async (caller, filters) => {
          const where = filters.flatMap((f) => incidentFiltersWhere(withIds(f)));
          await expectSameIncidents(readableIncidents(abilityOf(caller), ...where));
        },
      ),
      { numRuns: 60 },
    );
  });

  const conditions: [string, Prisma.IncidentWhereInput][] = [
    ['not a value', { country: { not: 'KH' } }],
    ['not a filter', { title: { not: { contains: 'Raid' } } }],
    ['not null', { deletedAt: { not: null } }],
    ['equals null', { deletedAt: { equals: null } }],
    ['notIn', { status: { notIn: ['DRAFT', 'VERIFIED'] } }],
    ['empty in', { country: { in: [] } }],
    ['empty notIn', { country: { notIn: [] } }],
    ['empty OR', { OR: [] }],
    ['empty AND', { AND: [] }],
    ['NOT of an object', { NOT: { country: 'KH', status: 'DRAFT' } }],
    ['NOT of a list', { NOT: [{ country: 'KH' }, { status: 'VERIFIED' }] }],
    ['OR with AND', { OR: [{ country: 'MM' }, { AND: [{ country: 'KH' }, { status: 'DRAFT' }] }] }],
    ['dates', { occurredOn: { gt: new Date('2014-05-03'), lt: '2016-07-21T00:00:00.000Z' } }],
    ['startsWith', { title: { startsWith: 'Arr' } }],
    ['endsWith, any case', { title: { endsWith: 'RAID', mode: 'insensitive' } }],
    ['some', { acts: { some: { perpetrators: { has: 'POLICE' } } } }],
    ['none', { acts: { none: { violation: 'TRAVEL_BAN' } } }],
    ['every', { acts: { every: { perpetrators: { isEmpty: false } } } }],
    ['hasEvery', { acts: { some: { perpetrators: { hasEvery: ['POLICE', 'MILITARY'] } } } }],
    ['isEmpty', { acts: { some: { perpetrators: { isEmpty: true } } } }],
    ['to-one by its fields', { createdBy: { name: 'ana' } }],
    ['to-one is', { createdBy: { is: { name: 'ben' } } }],
    ['to-one isNot', { createdBy: { isNot: { name: 'ben' } } }],
    ['two levels down', { acts: { some: { defender: { deletedAt: { not: null } } } } }],
    ['through a link table', { advocacy: { some: { advocacy: { deletedAt: null } } } }],
    ['every with a relation', { transitions: { every: { actor: { name: 'ana' } } } }],
  ];
  for (const [name, where] of conditions) {
    it(`when a condition uses ${name}, then the same incidents come`, async () => {
      await expectSameIncidents(where);
    });
  }

  it('when an optional relation is asked for as null or not null, then the same rows come', async () => {
    await database.db.auditEvent.createMany({
      data: [
        { action: 'LOGIN_FAILED', entity: 'User' },
        { action: 'LOGIN', entity: 'User', actorId: ids.ana },
      ],
    });
    for (const where of [
      { actor: null },
      { actor: { is: null } },
      { actor: { isNot: null } },
      { actor: { isNot: { name: 'ana' } } },
    ] satisfies Prisma.AuditEventWhereInput[]) {
      const viaPrisma = await database.db.auditEvent.findMany({ where, select: { id: true } });
      const viaSql = await database.db.$queryRaw<{ id: string }[]>(
        Prisma.sql`SELECT t."id" FROM ${tableOf('AuditEvent')} AS t WHERE ${whereSql('AuditEvent', 't', where)}`,
      );
      expect(viaSql.map((row) => row.id).sort(), JSON.stringify(where)).toEqual(
        viaPrisma.map((row) => row.id).sort(),
      );
    }
  });

  it('when a condition uses an operator it does not know, then it throws rather than skip it', () => {
    expect(() => whereSql('Incident', 't', { title: { search: 'raid' } })).toThrow(/search/);
    expect(() => whereSql('Incident', 't', { acts: { any: {} } })).toThrow(/any/);
    expect(() => whereSql('Incident', 't', { 'title"; --': 'x' })).toThrow(/bad name/);
  });
});
