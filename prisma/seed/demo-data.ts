// Builds the demo data set in memory, deterministically: the same rows (ids included) on
// every machine. demo.ts writes it.
import {
  advocacyKinds,
  advocacyStatuses,
  incidentStatuses,
  shareWithAuthoritiesValues,
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
const listOf = (items: string[]) =>
  new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(items);
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

function startDemo() {
  const random = createRandom(20_141_124);
  // the accounts come without their password hash, which demo.ts computes meanwhile
  const users = demoAccounts.map((account, i) => ({ id: demoUuid('user', i), ...account }));
  const userId = (email: string) => users.find((user) => user.email === email)!.id;
  const manager = userId('manager@vigil.test');
  const admin = userId('admin@vigil.test');
  return {
    random,
    users,
    manager,
    admin,
    advocacy: userId('advocacy@vigil.test'),
    // researchers enter most of their countries' records, managers and admins the rest
    creatorFor: (country: string) => {
      const researcher = users.find(
        (u) => u.role === 'RESEARCHER' && u.countries.includes(country),
      );
      if (researcher && random.chance(0.75)) return researcher.id;
      return random.chance(0.8) ? manager : admin;
    },
    defenders: [] as DemoDefender[],
    incidents: [] as DemoIncident[],
    acts: [] as Prisma.IncidentActCreateManyInput[],
    charges: [] as Prisma.IncidentChargeCreateManyInput[],
    sources: [] as Prisma.IncidentSourceCreateManyInput[],
    transitions: [] as Prisma.IncidentTransitionCreateManyInput[],
    advocacyActions: [] as Prisma.AdvocacyActionCreateManyInput[],
    advocacyIncidents: [] as Prisma.AdvocacyIncidentCreateManyInput[],
    advocacyDefenders: [] as Prisma.AdvocacyDefenderCreateManyInput[],
  };
}

type Demo = ReturnType<typeof startDemo>;

function addDefender(demo: Demo, table: tables.CountryTable, own: DemoDefender[]) {
  const { random } = demo;
  const gender = random.weighted({ FEMALE: 45, MALE: 40, NON_BINARY: 8, UNKNOWN: 7 });
  const given =
    gender === 'FEMALE' || gender === 'MALE'
      ? table.given[gender]
      : [...table.given.FEMALE, ...table.given.MALE];
  const parts = [random.pick(table.family), random.pick(given)].map((part) => part.split('|'));
  if (!table.familyFirst) parts.reverse();
  const displayName = parts.map(([latin]) => latin).join(' ');
  if (own.some((other) => other.displayName === displayName)) return;
  const native = parts.every((part) => part[1])
    ? parts.map((part) => part[1]).join(table.nativeSeparator)
    : undefined;
  const nickname = random.chance(0.4) ? random.pick(table.nicknames) : undefined;
  const aliases = [native, nickname].filter((alias) => alias !== undefined);
  const consent = random.weighted({ PUBLIC: 40, ANONYMISED: 25, CONFIDENTIAL: 35 });
  const region = random.pick(table.regions);
  const index = demo.defenders.length + own.length;
  const middleNames = given
    .map((part) => part.split('|')[0]!)
    .filter((n) => !displayName.includes(n));
  own.push({
    id: demoUuid('defender', index),
    displayName,
    legalName: random.chance(0.4) ? `${displayName} ${random.pick(middleNames)}` : null,
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
    // a mix without a draw of its own, so that the rest of the demo stays as it was
    shareWithAuthorities: shareWithAuthoritiesValues[index % shareWithAuthoritiesValues.length],
    riskLevel: random.weighted({ LOW: 20, MEDIUM: 35, HIGH: 30, CRITICAL: 15 }),
    contact: random.chance(0.4)
      ? random.chance(0.5)
        ? `signal: +000 ${random.int(1000, 9999)} ${random.int(1000, 9999)}`
        : `email: defender${index}@example.org`
      : null,
    notes: 'Fictional person, invented for the Vigil demo.',
    searchText: searchTextOf([displayName, ...aliases]),
    createdById: demo.creatorFor(table.code),
    // moved before their first incident once incidents exist
    createdAt: new Date(lastOccurrence),
    weight: random.int(1, 4),
  });
}

// who did what to whom: the first act carries the incident's violation, others often too
function addActs(demo: Demo, incidentId: string, victims: DemoDefender[], primary: string) {
  const { random } = demo;
  const group = seedVocabularies.violations.find((term) => term.code === primary)!.parent!;
  const related = seedVocabularies.violations.filter((term) => term.parent === group);
  const plausible = tables.violationGroups[group]!;
  const acts = victims.map((defender, position) => ({
    id: demoUuid('act', demo.acts.length + position),
    incidentId,
    position,
    defenderId: defender.id,
    violation: position === 0 || random.chance(0.6) ? primary : random.pick(related).code,
    perpetrators: random.sample(plausible.perpetrators, random.int(1, 2)),
    victimStatus: random.chance(0.8) ? random.pick(plausible.outcomes) : null,
  }));
  demo.acts.push(...acts);
  return { acts, judicial: group === 'JUDICIAL' || (group === 'LIBERTY' && random.chance(0.4)) };
}

function addCharges(
  demo: Demo,
  table: tables.CountryTable,
  incident: DemoIncident,
  victims: DemoDefender[],
) {
  const { random } = demo;
  victims.forEach((defender, position) => {
    const status = random.pick(codes('chargeStatus'));
    demo.charges.push({
      id: demoUuid('charge', demo.charges.length),
      incidentId: incident.id,
      position,
      defenderId: defender.id,
      law: `${random.pick(table.laws)}, art. ${random.int(5, 320)}`,
      description: random.chance(0.7) ? random.pick(tables.chargeDescriptions) : null,
      status,
      filedOn: random.chance(0.7)
        ? dateOnly(incident.occurredOn.getTime() + random.int(0, 60) * day)
        : null,
      sentence: status === 'CONVICTED' ? random.pick(tables.sentences) : null,
    });
  });
}

// distinct kinds, so that a verified incident has two independent sources
function addSources(demo: Demo, incidentId: string, count: number) {
  const { random } = demo;
  random.sample(Object.keys(tables.sourceKinds), count).forEach((kind, position) => {
    const [description, giver] = tables.sourceKinds[kind]!;
    demo.sources.push({
      id: demoUuid('source', demo.sources.length),
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
        giver && random.chance(0.5) ? `${giver} ${random.pick([...'ABCDEFGH'])} (fictional)` : null,
    });
  });
}

// The workflow up to `status`, sometimes with a return to the researcher on the way; gives the
// time of the last step.
function addHistory(demo: Demo, incident: DemoIncident): { steps: number; last: Date } {
  const { random } = demo;
  const path: IncidentStatus[] = [
    ...(random.chance(0.15) ? (['DRAFT', 'SUBMITTED'] as const) : []),
    ...incidentStatuses.slice(0, incidentStatuses.indexOf(incident.status) + 1),
  ];
  let at = incident.createdAt.getTime();
  path.slice(1).forEach((to, i) => {
    const from = path[i]!;
    at =
      to === 'ARCHIVED'
        ? Math.min(at + random.int(30, 365) * day, demoToday.getTime() - day)
        : at + random.int(1, 10) * day;
    demo.transitions.push({
      id: demoUuid('transition', demo.transitions.length),
      incidentId: incident.id,
      from,
      to,
      comment:
        from === 'SUBMITTED' && to === 'DRAFT'
          ? random.pick(tables.returnComments)
          : to === 'ARCHIVED'
            ? 'No further developments; case closed.'
            : null,
      actorId: to === 'SUBMITTED' ? incident.createdById : demo.manager,
      at: new Date(at),
    });
  });
  return { steps: path.length - 1, last: new Date(at) };
}

// Names only defenders who consented to be named.
function headline(
  incident: DemoIncident,
  victims: DemoDefender[],
  acts: { violation: string; perpetrators: string[] }[],
  region: string,
) {
  const who =
    victims.length > 1
      ? `${victims.length} defenders`
      : victims[0]!.consent === 'PUBLIC'
        ? victims[0]!.displayName
        : 'a defender';
  const when = incident.occurredOn.toLocaleDateString('en-GB', {
    timeZone: 'UTC',
    year: 'numeric',
    ...(incident.datePrecision !== 'YEAR' && { month: 'long' }),
    ...(incident.datePrecision === 'DAY' && { day: 'numeric' }),
  });
  const what = unique(acts.map((act) => label('violations', act.violation).toLowerCase()));
  const byWhom = unique(acts.flatMap((act) => act.perpetrators)).map((code) =>
    label('perpetrators', code).toLowerCase(),
  );
  return {
    title: `${label('violations', acts[0]!.violation)}: ${who}, ${region}`,
    summary:
      `Fictional demo case. ${who.charAt(0).toUpperCase()}${who.slice(1)} faced ` +
      `${listOf(what)} in ${region} (${when}); attributed to ${listOf(byWhom)}.`,
  };
}

function addIncident(demo: Demo, table: tables.CountryTable, targets: DemoDefender[]) {
  const { random } = demo;
  const moment = new Date(firstDay + random.next() * (lastOccurrence - firstDay));
  const [year, month] = [moment.getUTCFullYear(), moment.getUTCMonth()];
  const datePrecision = random.weighted({ DAY: 75, MONTH: 18, YEAR: 7 });
  const occurredOn = {
    DAY: dateOnly(moment.getTime()),
    MONTH: new Date(Date.UTC(year, month, 1)),
    YEAR: new Date(Date.UTC(year, 0, 1)),
  }[datePrecision];
  // older cases are mostly through review, recent ones often still in it
  const status = random.weighted<IncidentStatus>(
    year < 2020
      ? { DRAFT: 3, SUBMITTED: 5, VERIFIED: 55, ARCHIVED: 37 }
      : { DRAFT: 22, SUBMITTED: 22, VERIFIED: 46, ARCHIVED: 10 },
  );
  const verified = verifiedStatuses.includes(status);
  const incident: DemoIncident = {
    id: demoUuid('incident', demo.incidents.length),
    reference: '', // numbered once all incidents exist
    title: '',
    summary: '',
    occurredOn,
    datePrecision,
    country: table.code,
    verification: random.weighted(
      verified ? { LIKELY: 35, CONFIRMED: 65 } : { UNVERIFIED: 55, POSSIBLE: 35, LIKELY: 10 },
    ),
    status,
    confidentiality: random.chance(0.06) ? 'RESTRICTED' : 'STANDARD',
    createdAt: new Date(occurredOn.getTime() + random.int(1, 20) * day + random.int(8, 18) * hour),
    createdById: demo.creatorFor(table.code),
  };
  const primary = random.chance(0.7)
    ? random.weighted(tables.commonViolations)
    : random.pick(codes('violations'));
  const victims = unique(random.sample(targets, random.pick([1, 1, 1, 1, 2, 2, 3, 4])));
  const { acts, judicial } = addActs(demo, incident.id, victims, primary);
  if (judicial) addCharges(demo, table, incident, victims);
  addSources(demo, incident.id, verified ? random.int(2, 4) : random.int(1, 3));
  const history = addHistory(demo, incident);
  const region = random.pick(table.regions);
  Object.assign(incident, headline(incident, victims, acts, region), {
    location: random.chance(0.85) ? random.pick(tables.places).replace('{r}', region) : null,
    version: 1 + history.steps,
    updatedAt: history.last,
  });
  demo.incidents.push(incident);
  // a defender is on file before their first incident
  for (const defender of victims) {
    const before = new Date(incident.createdAt.getTime() - random.int(1, 30) * day);
    if (before < defender.createdAt) defender.createdAt = before;
  }
}

// References CC-YYYY-NNNN, numbered by date within each country and year; gives the counters.
function numberReferences(incidents: DemoIncident[]) {
  const counters = new Map<string, number>();
  const byDate = [...incidents].sort((a, b) => a.occurredOn.getTime() - b.occurredOn.getTime());
  for (const incident of byDate) {
    const key = `${incident.country}-${incident.occurredOn.getUTCFullYear()}`;
    const last = (counters.get(key) ?? 0) + 1;
    counters.set(key, last);
    incident.reference = `${key}-${String(last).padStart(4, '0')}`;
    incident.searchText = searchTextOf([incident.reference, incident.title, incident.summary]);
  }
  return [...counters].map(([key, last]) => {
    const [country, year] = key.split('-') as [string, string];
    return { country, year: Number(year), last };
  });
}

// Cites verified, unrestricted incidents, and only defenders who may appear in public outputs.
function addAdvocacyAction(demo: Demo, index: number) {
  const { random } = demo;
  const kind = advocacyKinds[index % advocacyKinds.length]!;
  const status = advocacyStatuses[index % advocacyStatuses.length]!;
  const table = tables.countries[index % tables.countries.length]!;
  const candidates = demo.incidents.filter(
    (incident) =>
      incident.country === table.code &&
      verifiedStatuses.includes(incident.status) &&
      incident.confidentiality === 'STANDARD',
  );
  const linked = new Set(random.sample(candidates, random.int(1, 3)).map((i) => i.id));
  const offsetDays = {
    PLANNED: random.int(10, 90),
    DRAFT: random.int(-10, 20),
    PUBLISHED: -random.int(30, 900),
    DONE: -random.int(30, 900),
  }[status];
  const date = dateOnly(demoToday.getTime() + offsetDays * day);
  const createdAt = new Date(
    Math.min(date.getTime(), demoToday.getTime()) - random.int(5, 30) * day,
  );
  const id = demoUuid('advocacy', index);
  demo.advocacyActions.push({
    id,
    kind,
    title: tables.advocacyTitles[kind]!.replace('{c}', table.name),
    date,
    venue: tables.advocacyVenues[kind] ?? null,
    status,
    notes: 'Fictional advocacy action for the demo.',
    createdAt,
    updatedAt: createdAt,
    createdById: index % 5 === 4 ? demo.admin : demo.advocacy,
  });
  demo.advocacyIncidents.push(...[...linked].map((incidentId) => ({ advocacyId: id, incidentId })));
  const nameable = new Set(
    demo.defenders.filter((d) => d.consent !== 'CONFIDENTIAL').map((d) => d.id),
  );
  const cited = demo.acts
    .filter((act) => linked.has(act.incidentId) && nameable.has(act.defenderId))
    .map((act) => act.defenderId);
  demo.advocacyDefenders.push(
    ...unique(cited).map((defenderId) => ({ advocacyId: id, defenderId })),
  );
}

export function buildDemoData() {
  const demo = startDemo();
  for (const table of tables.countries) {
    const own: DemoDefender[] = [];
    while (own.length < table.defenders) addDefender(demo, table, own);
    demo.defenders.push(...own);
    // a defender appears as often as their weight says, so that some are targeted repeatedly
    const targets = own.flatMap((defender) => Array<DemoDefender>(defender.weight).fill(defender));
    for (let n = 0; n < table.incidents; n++) addIncident(demo, table, targets);
  }
  const counters = numberReferences(demo.incidents);
  for (let index = 0; index < 12; index++) addAdvocacyAction(demo, index);

  return {
    users: demo.users,
    defenders: demo.defenders.map(({ weight: _weight, ...row }) => ({
      ...row,
      updatedAt: row.createdAt,
    })),
    incidents: demo.incidents,
    acts: demo.acts,
    charges: demo.charges,
    sources: demo.sources,
    transitions: demo.transitions,
    counters,
    advocacyActions: demo.advocacyActions,
    advocacyIncidents: demo.advocacyIncidents,
    advocacyDefenders: demo.advocacyDefenders,
  };
}

export type DemoData = ReturnType<typeof buildDemoData>;
