import {
  advocacyKinds,
  advocacyStatuses,
  confidentialities,
  consents,
  datePrecisions,
  genders,
  incidentStatuses,
  riskLevels,
  shareWithAuthoritiesValues,
  verifications,
} from '@vigil/shared/enums';
import { foldForSearch, searchTextOf } from '@vigil/shared/search';
import { seedVocabularies, type VocabularyName } from '@vigil/shared/vocabularies';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/src/db/prisma.ts';
import { ensureVocabularies } from '../../server/src/modules/vocabularies/vocabularies.seed.ts';
import { createTestDatabase } from '../../tests/support/database.ts';
import { demoAccounts } from './demo-accounts.ts';
import { buildDemoData } from './demo-data.ts';
import { seedDemo } from './demo.ts';

const quiet = { info: () => {} };
const codesOf = (vocabulary: VocabularyName) =>
  new Set(seedVocabularies[vocabulary].map((term) => term.code));
const distinct = <T>(values: T[]) => new Set(values);

describe('demo seed', () => {
  let database: Database;
  let seeded: boolean;
  let elapsed: number;

  beforeAll(async () => {
    database = openDatabase(await createTestDatabase());
    // as at start-up, where the connection is warm by the time the demo is seeded
    await ensureVocabularies(database.db);
    const started = performance.now();
    seeded = await seedDemo(database.db, quiet);
    elapsed = performance.now() - started;
  });
  afterAll(() => database.close());

  it('when the database is empty, then it seeds the demo accounts and data quickly', async () => {
    expect(seeded).toBe(true);
    // 1 to 2 s on its own; the bound leaves room for a busy CI and still catches a seed that
    // goes row by row (several times slower)
    expect(elapsed).toBeLessThan(15_000);
    const users = await database.db.user.findMany({ orderBy: { email: 'asc' } });
    expect(users.map((user) => user.email).sort()).toEqual(
      demoAccounts.map((account) => account.email).sort(),
    );
    expect(await database.db.defender.count()).toBeGreaterThanOrEqual(40);
    expect(await database.db.incident.count()).toBeGreaterThanOrEqual(300);
  });

  it('when seeded, then incidents cover 6+ countries (KH, TH, MM among them), 2014 to 2026, and every status, verification, confidentiality and date precision', async () => {
    const incidents = await database.db.incident.findMany();
    const countries = distinct(incidents.map((incident) => incident.country));
    expect(countries.size).toBeGreaterThanOrEqual(6);
    for (const country of ['KH', 'TH', 'MM']) expect(countries).toContain(country);
    expect(distinct(incidents.map((i) => i.status))).toEqual(new Set(incidentStatuses));
    expect(distinct(incidents.map((i) => i.verification))).toEqual(new Set(verifications));
    expect(distinct(incidents.map((i) => i.confidentiality))).toEqual(new Set(confidentialities));
    expect(distinct(incidents.map((i) => i.datePrecision))).toEqual(new Set(datePrecisions));
    const years = incidents.map((incident) => incident.occurredOn.getUTCFullYear());
    expect(Math.min(...years)).toBe(2014);
    expect(Math.max(...years)).toBe(2026);
    const restricted = incidents.filter((i) => i.confidentiality === 'RESTRICTED').length;
    expect(restricted).toBeGreaterThan(0);
    expect(restricted).toBeLessThan(incidents.length / 10);
  });

  it('when seeded, then every verified or archived incident has at least two sources', async () => {
    const verified = await database.db.incident.findMany({
      where: { status: { in: ['VERIFIED', 'ARCHIVED'] } },
      select: { reference: true, _count: { select: { sources: true } } },
    });
    expect(verified.length).toBeGreaterThan(0);
    expect(verified.filter((incident) => incident._count.sources < 2)).toEqual([]);
    const identities = await database.db.incidentSource.count({
      where: { identity: { not: null } },
    });
    expect(identities).toBeGreaterThan(0);
  });

  it('when seeded, then references are unique CC-YYYY-NNNN and each counter holds the last number of its country and year', async () => {
    const incidents = await database.db.incident.findMany({
      select: { reference: true, country: true, occurredOn: true },
    });
    expect(distinct(incidents.map((incident) => incident.reference)).size).toBe(incidents.length);
    const last = new Map<string, number>();
    for (const { reference, country, occurredOn } of incidents) {
      expect(reference).toMatch(/^[A-Z]{2}-\d{4}-\d{4}$/);
      const [prefix, year, number] = reference.split('-');
      expect([prefix, Number(year)]).toEqual([country, occurredOn.getUTCFullYear()]);
      const key = `${prefix}-${year}`;
      last.set(key, Math.max(last.get(key) ?? 0, Number(number)));
    }
    const counters = await database.db.incidentReferenceCounter.findMany();
    expect(
      new Map(counters.map((counter) => [`${counter.country}-${counter.year}`, counter.last])),
    ).toEqual(last);
    // numbered 1..n without gaps, so that the next one created is last + 1
    const perKey = new Map<string, number>();
    for (const { reference } of incidents) {
      const key = reference.slice(0, 7);
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
    }
    expect(perKey).toEqual(last);
  });

  it('when seeded, then every incident has 1 to 4 acts on defenders of its own country with codes from the vocabularies', async () => {
    const incidents = await database.db.incident.findMany({
      select: {
        country: true,
        acts: {
          select: { violation: true, perpetrators: true, victimStatus: true, defender: true },
        },
        charges: { select: { status: true, law: true, defender: { select: { country: true } } } },
      },
    });
    const [violations, perpetrators, victimStatus, chargeStatus] = (
      ['violations', 'perpetrators', 'victimStatus', 'chargeStatus'] as const
    ).map(codesOf);
    for (const incident of incidents) {
      expect(incident.acts.length).toBeGreaterThanOrEqual(1);
      expect(incident.acts.length).toBeLessThanOrEqual(4);
      for (const act of incident.acts) {
        expect(act.defender.country).toBe(incident.country);
        expect(violations).toContain(act.violation);
        expect(act.perpetrators.length).toBeGreaterThan(0);
        for (const code of act.perpetrators) expect(perpetrators).toContain(code);
        if (act.victimStatus) expect(victimStatus).toContain(act.victimStatus);
      }
      for (const charge of incident.charges) {
        expect(chargeStatus).toContain(charge.status);
        expect(charge.law).toMatch(/fictional|Demo/);
        expect(charge.defender.country).toBe(incident.country);
      }
    }
    expect(incidents.some((incident) => incident.charges.length > 0)).toBe(true);
  });

  it('when seeded, then defenders are marked fictional, cover every consent, consent to be named to the authorities, risk level and gender, and are searchable by alias in other scripts and without diacritics', async () => {
    const defenders = await database.db.defender.findMany();
    expect(defenders.every((defender) => defender.notes?.includes('Fictional'))).toBe(true);
    expect(distinct(defenders.map((d) => d.consent))).toEqual(new Set(consents));
    expect(distinct(defenders.map((d) => d.riskLevel))).toEqual(new Set(riskLevels));
    expect(distinct(defenders.map((d) => d.shareWithAuthorities))).toEqual(
      new Set(shareWithAuthoritiesValues),
    );
    expect(distinct(defenders.map((d) => d.gender))).toEqual(new Set(genders));
    for (const defender of defenders) {
      expect(defender.searchText).toBe(searchTextOf([defender.displayName, ...defender.aliases]));
      expect(defender.pseudonym !== null).toBe(defender.consent === 'ANONYMISED');
    }
    const sectors = codesOf('sectors');
    expect(defenders.flatMap((d) => d.sectors).every((code) => sectors.has(code))).toBe(true);
    expect(defenders.some((d) => d.legalName && d.contact && d.region)).toBe(true);
    for (const script of [/\p{Script=Khmer}/u, /\p{Script=Thai}/u, /\p{Script=Myanmar}/u]) {
      expect(defenders.some((d) => d.aliases.some((alias) => script.test(alias)))).toBe(true);
    }
    const accented = defenders.find((d) => /[\u0300-\u036f]/.test(d.displayName.normalize('NFD')));
    expect(accented).toBeDefined();
    const plain = foldForSearch(accented!.displayName);
    const found = await database.db.defender.findMany({
      where: { searchText: { contains: plain } },
    });
    expect(found.map((d) => d.id)).toContain(accented!.id);
  });

  it('when seeded, then records belong to demo researchers of their country or to managers and admins', async () => {
    const users = await database.db.user.findMany();
    const byId = new Map(users.map((user) => [user.id, user]));
    const records = [
      ...(await database.db.defender.findMany({ select: { country: true, createdById: true } })),
      ...(await database.db.incident.findMany({ select: { country: true, createdById: true } })),
    ];
    for (const { country, createdById } of records) {
      const creator = byId.get(createdById)!;
      expect(['RESEARCHER', 'MANAGER', 'ADMIN']).toContain(creator.role);
      if (creator.role === 'RESEARCHER') expect(creator.countries).toContain(country);
    }
    const creators = distinct(records.map((record) => byId.get(record.createdById)!.email));
    expect(creators).toContain('researcher@vigil.test');
    expect(creators).toContain('researcher.mm@vigil.test');
  });

  it('when seeded, then transitions follow the workflow and end at each incident status', async () => {
    const incidents = await database.db.incident.findMany({
      select: { status: true, transitions: { orderBy: { at: 'asc' } } },
    });
    const allowed = new Set([
      'DRAFT>SUBMITTED',
      'SUBMITTED>DRAFT',
      'SUBMITTED>VERIFIED',
      'VERIFIED>ARCHIVED',
    ]);
    for (const incident of incidents) {
      let status = 'DRAFT';
      for (const transition of incident.transitions) {
        expect(transition.from).toBe(status);
        expect(allowed).toContain(`${transition.from}>${transition.to}`);
        status = transition.to;
      }
      expect(status).toBe(incident.status);
    }
    expect(incidents.some((i) => i.transitions.some((t) => t.to === 'DRAFT' && t.comment))).toBe(
      true,
    );
  });

  it('when seeded, then a dozen advocacy actions of every kind and status cite verified incidents and non-confidential defenders', async () => {
    const actions = await database.db.advocacyAction.findMany({
      include: {
        incidents: { include: { incident: true } },
        defenders: { include: { defender: true } },
      },
    });
    expect(actions.length).toBeGreaterThanOrEqual(12);
    expect(distinct(actions.map((a) => a.kind))).toEqual(new Set(advocacyKinds));
    expect(distinct(actions.map((a) => a.status))).toEqual(new Set(advocacyStatuses));
    for (const action of actions) {
      expect(action.incidents.length).toBeGreaterThan(0);
      for (const { incident } of action.incidents) {
        expect(['VERIFIED', 'ARCHIVED']).toContain(incident.status);
      }
      for (const { defender } of action.defenders)
        expect(defender.consent).not.toBe('CONFIDENTIAL');
    }
  });

  it('when seeded a second time, then it does nothing', async () => {
    const before = await database.db.incident.count();
    expect(await seedDemo(database.db, quiet)).toBe(false);
    expect(await database.db.incident.count()).toBe(before);
    expect(await database.db.user.count()).toBe(demoAccounts.length);
  });
});

describe('demo seed on a database in use', () => {
  it('when the database already has a user, then it seeds nothing', async () => {
    const database = openDatabase(await createTestDatabase());
    try {
      await database.db.user.create({
        data: { email: 'someone@example.org', name: 'Someone', role: 'ADMIN', passwordHash: 'x' },
      });
      expect(await seedDemo(database.db, quiet)).toBe(false);
      expect(await database.db.defender.count()).toBe(0);
      expect(await database.db.incident.count()).toBe(0);
    } finally {
      await database.close();
    }
  });
});

describe('demo data', () => {
  it('when built twice, then it is the same, ids included', () => {
    expect(JSON.stringify(buildDemoData())).toBe(JSON.stringify(buildDemoData()));
  });
});
