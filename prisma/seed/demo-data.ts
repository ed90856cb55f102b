// Builds the demo data set in memory, deterministically: the same rows (ids included) on
// every machine. demo.ts writes it.
import {
  advocacyKinds,
  advocacyStatuses,
  incidentStatuses,
  type IncidentStatus,
} from '@vigil/shared/enums';
import { searchTextOf } from '@vigil/shared/search';
import { seedVocabularies, type VocabularyName } from '@vigil/shared/vocabularies';
import type { Prisma } from '../generated/client.ts';
import { demoAccounts } from './demo-accounts.ts';
import * as tables from './demo-tables.ts';
import { createRandom, demoUuid } from './random.ts';

const hour = 3_600_000;
const day = 24 * hour;
// the demo's "today", fixed so that the data does not depend on when it was seeded
export const demoToday = new Date(Date.UTC(2026, 10, 1));
const firstDay = Date.UTC(2014, 0, 1);
const lastOccurrence = demoToday.getTime() - 120 * day;

const codes = (vocabulary: VocabularyName) => seedVocabularies[vocabulary].map((t) => t.code);
const label = (vocabulary: VocabularyName, code: string) =>
  seedVocabularies[vocabulary].find((term) => term.code === code)?.label ?? code;
const unique = <T>(items: T[]) => [...new Set(items)];
const dateOnly = (ms: number) => new Date(Math.floor(ms / day) * day);
const verifiedStatuses: IncidentStatus[] = ['VERIFIED', 'ARCHIVED'];

interface DemoDefender extends Prisma.DefenderCreateManyInput {
  id: string;
  displayName: string;
  consent: 'PUBLIC' | 'ANONYMISED' | 'CONFIDENTIAL';
  createdAt: Date;
  // how often the defender is targeted, relative to others of the same country
  weight: number;
}

interface DemoIncident extends Prisma.IncidentCreateManyInput {
  id: string;
  occurredOn: Date;
  status: IncidentStatus;
  createdAt: Date;
}

export function buildDemoData(passwordHash: string) {
  const random = createRandom(20_141_124);
  const users = demoAccounts.map((account, i) => ({
    id: demoUuid('user', i),
    ...account,
    passwordHash,
  }));
  const userId = (email: string) => users.find((user) => user.email === email)!.id;
  const [admin, manager, advocacy] = ['admin', 'manager', 'advocacy'].map((name) =>
    userId(`${name}@vigil.test`),
  ) as [string, string, string];
  // researchers enter most of their countries' records, managers and admins the rest
  const creatorFor = (country: string) => {
    const researcher = users.find((u) => u.role === 'RESEARCHER' && u.countries.includes(country));
    if (researcher && random.chance(0.75)) return researcher.id;
    return random.chance(0.8) ? manager : admin;
  };

  const defenders: DemoDefender[] = [];
  const incidents: DemoIncident[] = [];
  const acts: Prisma.IncidentActCreateManyInput[] = [];
  const charges: Prisma.IncidentChargeCreateManyInput[] = [];
  const sources: Prisma.IncidentSourceCreateManyInput[] = [];
  const transitions: Prisma.IncidentTransitionCreateManyInput[] = [];

  for (const table of tables.countries) {
    const own: DemoDefender[] = [];
    while (own.length < table.defenders) {
      const gender = random.weighted({ FEMALE: 45, MALE: 40, NON_BINARY: 8, UNKNOWN: 7 });
      const given =
        gender === 'FEMALE' || gender === 'MALE'
          ? table.given[gender]
          : [...table.given.FEMALE, ...table.given.MALE];
      const parts = [random.pick(table.family), random.pick(given)].map((part) => part.split('|'));
      if (!table.familyFirst) parts.reverse();
      const displayName = parts.map(([latin]) => latin).join(' ');
      if (own.some((other) => other.displayName === displayName)) continue;
      const native = parts.every((part) => part[1])
        ? parts.map((part) => part[1]).join(table.nativeSeparator)
        : undefined;
      const nickname = random.chance(0.4) ? random.pick(table.nicknames) : undefined;
      const aliases = [native, nickname].filter((alias) => alias !== undefined);
      const consent = random.weighted({ PUBLIC: 40, ANONYMISED: 25, CONFIDENTIAL: 35 });
      const region = random.pick(table.regions);
      own.push({
        id: demoUuid('defender', defenders.length + own.length),
        displayName,
        legalName: random.chance(0.4) ? `${displayName} ${random.pick(given).split('|')[0]}` : null,
        aliases,
        pseudonym:
          consent === 'ANONYMISED' ? `${random.pick(tables.pseudonyms)} (${table.code})` : null,
        gender,
        genderSelfDescription: gender === 'NON_BINARY' && random.chance(0.5) ? 'Genderqueer' : null,
        birthYear: random.chance(0.6) ? random.int(1955, 2003) : null,
        country: table.code,
        region: random.chance(0.6) ? region : null,
        sectors: random.sample(codes('sectors'), random.int(1, 3)),
        organisation: random.chance(0.6)
          ? `${region} ${random.pick(tables.organisationKinds)} (fictional)`
          : null,
        consent,
        riskLevel: random.weighted({ LOW: 20, MEDIUM: 35, HIGH: 30, CRITICAL: 15 }),
        contact: random.chance(0.4)
          ? random.chance(0.5)
            ? `signal: +000 ${random.int(1000, 9999)} ${random.int(1000, 9999)}`
            : `email: defender${defenders.length + own.length}@example.org`
          : null,
        notes: 'Fictional person, invented for the Vigil demo.',
        searchText: searchTextOf([displayName, ...aliases]),
        createdById: creatorFor(table.code),
        createdAt: new Date(firstDay + random.next() * (lastOccurrence - firstDay)),
        weight: random.int(1, 4),
      });
    }
    defenders.push(...own);
    // a defender appears as often as their weight says, so that some are targeted repeatedly
    const targets = own.flatMap((defender) => Array<DemoDefender>(defender.weight).fill(defender));

    for (let n = 0; n < table.incidents; n++) {
      const incidentId = demoUuid('incident', incidents.length);
      const moment = new Date(firstDay + random.next() * (lastOccurrence - firstDay));
      const [year, month] = [moment.getUTCFullYear(), moment.getUTCMonth()];
      const datePrecision = random.weighted({ DAY: 75, MONTH: 18, YEAR: 7 });
      const occurredOn = {
        DAY: dateOnly(moment.getTime()),
        MONTH: new Date(Date.UTC(year, month, 1)),
        YEAR: new Date(Date.UTC(year, 0, 1)),
      }[datePrecision];
      const status = random.weighted<IncidentStatus>(
        year < 2020
          ? { DRAFT: 3, SUBMITTED: 5, VERIFIED: 55, ARCHIVED: 37 }
          : { DRAFT: 22, SUBMITTED: 22, VERIFIED: 46, ARCHIVED: 10 },
      );
      const verified = verifiedStatuses.includes(status);
      const primary = random.chance(0.7)
        ? random.weighted(tables.commonViolations)
        : random.pick(codes('violations'));
      const group = seedVocabularies.violations.find((term) => term.code === primary)!.parent!;
      const related = seedVocabularies.violations.filter((t) => t.parent === group);
      const plausible = tables.violationGroups[group]!;
      const victims = unique(random.sample(targets, random.pick([1, 1, 1, 1, 2, 2, 3, 4])));
      const ownActs = victims.map((defender, position) => ({
        id: demoUuid('act', acts.length + position),
        incidentId,
        position,
        defenderId: defender.id,
        violation: position === 0 || random.chance(0.6) ? primary : random.pick(related).code,
        perpetrators: random.sample(plausible.perpetrators, random.int(1, 2)),
        victimStatus: random.chance(0.8) ? random.pick(plausible.outcomes) : null,
      }));
      acts.push(...ownActs);

      if (group === 'JUDICIAL' || (group === 'LIBERTY' && random.chance(0.4))) {
        victims.forEach((defender, position) => {
          const chargeStatus = random.pick(codes('chargeStatus'));
          charges.push({
            id: demoUuid('charge', charges.length),
            incidentId,
            position,
            defenderId: defender.id,
            law: `${random.pick(table.laws)}, art. ${random.int(5, 320)}`,
            description: random.chance(0.7) ? random.pick(tables.chargeDescriptions) : null,
            status: chargeStatus,
            filedOn: random.chance(0.7)
              ? dateOnly(occurredOn.getTime() + random.int(0, 60) * day)
              : null,
            sentence: chargeStatus === 'CONVICTED' ? random.pick(tables.sentences) : null,
          });
        });
      }

      const kinds = random.sample(
        Object.keys(tables.sourceKinds),
        verified ? random.int(2, 4) : random.int(1, 3),
      );
      kinds.forEach((kind, position) => {
        const [description, giver] = tables.sourceKinds[kind]!;
        sources.push({
          id: demoUuid('source', sources.length),
          incidentId,
          position,
          kind,
          reliability: random.weighted({
            HIGHLY_RELIABLE: 2,
            RELIABLE: 4,
            FAIRLY_RELIABLE: 3,
            UNRELIABLE: 1,
            UNKNOWN: 1,
          }),
          description: `${description} (fictional)`,
          identity:
            giver && random.chance(0.5)
              ? `${giver} ${random.pick([...'ABCDEFGH'])} (fictional)`
              : null,
        });
      });

      // the workflow so far, sometimes with a return to the researcher on the way
      const createdById = creatorFor(table.code);
      const createdAt = new Date(
        occurredOn.getTime() + random.int(1, 20) * day + random.int(8, 18) * hour,
      );
      const path: IncidentStatus[] = [
        ...(random.chance(0.15) ? (['DRAFT', 'SUBMITTED'] as const) : []),
        ...incidentStatuses.slice(0, incidentStatuses.indexOf(status) + 1),
      ];
      let at = createdAt.getTime();
      const ownTransitions = path.slice(1).map((to, i) => {
        const from = path[i]!;
        at =
          to === 'ARCHIVED'
            ? Math.min(at + random.int(30, 365) * day, demoToday.getTime() - day)
            : at + random.int(1, 10) * day;
        return {
          id: demoUuid('transition', transitions.length + i),
          incidentId,
          from,
          to,
          comment:
            from === 'SUBMITTED' && to === 'DRAFT'
              ? random.pick(tables.returnComments)
              : to === 'ARCHIVED'
                ? 'No further developments; case closed.'
                : null,
          actorId: to === 'SUBMITTED' ? createdById : manager,
          at: new Date(at),
        };
      });
      transitions.push(...ownTransitions);

      const region = random.pick(table.regions);
      const who =
        victims.length > 1
          ? `${victims.length} defenders`
          : victims[0]!.consent === 'PUBLIC'
            ? victims[0]!.displayName
            : 'a defender';
      const when = occurredOn.toLocaleDateString('en-GB', {
        timeZone: 'UTC',
        year: 'numeric',
        ...(datePrecision !== 'YEAR' && { month: 'long' }),
        ...(datePrecision === 'DAY' && { day: 'numeric' }),
      });
      const violations = unique(
        ownActs.map((act) => label('violations', act.violation).toLowerCase()),
      );
      const perpetrators = unique(ownActs.flatMap((act) => act.perpetrators)).map((code) =>
        label('perpetrators', code).toLowerCase(),
      );
      incidents.push({
        id: incidentId,
        reference: '',
        title: `${label('violations', primary)}: ${who}, ${region}`,
        summary: `Fictional demo case. ${who.charAt(0).toUpperCase()}${who.slice(1)} faced ${violations.join(', ')} in ${region} (${when}); attributed to ${perpetrators.join(' and ')}.`,
        occurredOn,
        datePrecision,
        country: table.code,
        location: random.chance(0.85) ? random.pick(tables.places).replace('{r}', region) : null,
        verification: random.weighted(
          verified ? { LIKELY: 35, CONFIRMED: 65 } : { UNVERIFIED: 55, POSSIBLE: 35, LIKELY: 10 },
        ),
        status,
        confidentiality: random.chance(0.06) ? 'RESTRICTED' : 'STANDARD',
        version: 1 + ownTransitions.length,
        createdAt,
        updatedAt: new Date(at),
        createdById,
      });
      // a defender is on file before their first incident
      for (const defender of victims) {
        const before = new Date(createdAt.getTime() - random.int(1, 30) * day);
        if (before < defender.createdAt) defender.createdAt = before;
      }
    }
  }

  // references CC-YYYY-NNNN, numbered by date within each country and year
  const counters = new Map<string, number>();
  for (const incident of [...incidents].sort(
    (a, b) => a.occurredOn.getTime() - b.occurredOn.getTime(),
  )) {
    const key = `${incident.country}-${incident.occurredOn.getUTCFullYear()}`;
    const last = (counters.get(key) ?? 0) + 1;
    counters.set(key, last);
    incident.reference = `${key}-${String(last).padStart(4, '0')}`;
    incident.searchText = searchTextOf([incident.reference, incident.title, incident.summary]);
  }

  const advocacyActions: Prisma.AdvocacyActionCreateManyInput[] = [];
  const advocacyIncidents: Prisma.AdvocacyIncidentCreateManyInput[] = [];
  const advocacyDefenders: Prisma.AdvocacyDefenderCreateManyInput[] = [];
  for (let i = 0; i < 12; i++) {
    const [kind, status] = [
      advocacyKinds[i % advocacyKinds.length]!,
      advocacyStatuses[i % advocacyStatuses.length]!,
    ];
    const table = tables.countries[i % tables.countries.length]!;
    const candidates = incidents.filter(
      (incident) =>
        incident.country === table.code &&
        verifiedStatuses.includes(incident.status) &&
        incident.confidentiality === 'STANDARD',
    );
    const linked = random.sample(candidates, random.int(1, 3));
    const offset = {
      PLANNED: random.int(10, 90),
      DRAFT: random.int(-10, 20),
      PUBLISHED: -random.int(30, 900),
      DONE: -random.int(30, 900),
    }[status];
    const date = dateOnly(demoToday.getTime() + offset * day);
    const createdAt = new Date(
      Math.min(date.getTime(), demoToday.getTime()) - random.int(5, 30) * day,
    );
    const id = demoUuid('advocacy', i);
    advocacyActions.push({
      id,
      kind,
      title: tables.advocacyTitles[kind]!.replace('{c}', table.name),
      date,
      venue: tables.advocacyVenues[kind] ?? null,
      status,
      notes: 'Fictional advocacy action for the demo.',
      createdAt,
      updatedAt: createdAt,
      createdById: i % 5 === 4 ? admin : advocacy,
    });
    advocacyIncidents.push(
      ...linked.map((incident) => ({ advocacyId: id, incidentId: incident.id })),
    );
    // confidential defenders never appear in public outputs
    const named = acts.filter(
      (act) =>
        linked.some((incident) => incident.id === act.incidentId) &&
        defenders.find((defender) => defender.id === act.defenderId)!.consent !== 'CONFIDENTIAL',
    );
    advocacyDefenders.push(
      ...unique(named.map((act) => act.defenderId)).map((defenderId) => ({
        advocacyId: id,
        defenderId,
      })),
    );
  }

  return {
    users,
    defenders: defenders.map(({ weight: _weight, ...row }) => ({
      ...row,
      updatedAt: row.createdAt,
    })),
    incidents,
    acts,
    charges,
    sources,
    transitions,
    counters: [...counters].map(([key, last]) => {
      const [country, year] = key.split('-') as [string, string];
      return { country, year: Number(year), last };
    }),
    advocacyActions,
    advocacyIncidents,
    advocacyDefenders,
  };
}

export type DemoData = ReturnType<typeof buildDemoData>;
