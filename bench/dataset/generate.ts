// Realistic data at scale for the benchmark: users of every role, defenders, incidents with
// their acts, charges, sources and workflow history, and the audit log, with every column the
// app derives (searchText as shared/src/search.ts folds it, positions, versions, the reference
// counters, the audit hash chain). The big tables are written by set-based INSERT ... SELECT
// inside PostgreSQL; what needs Node (sealed sensitive values, the audit chain, which
// audit-chain.ts must be able to verify) goes by COPY. Secondary indexes are
// dropped during the load and rebuilt after it; foreign keys and triggers are off for the
// loading sessions (session_replication_role): what the triggers would derive is written
// set-based instead (the incidents' list columns with the incidents, "IncidentCount" by its
// migration's recount), and the rows are right by construction: tests/bench-data.test.ts proves
// it. Needs the owner (a superuser) of a migrated database whose vocabularies are seeded.
import { StringDecoder } from 'node:string_decoder';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo, from as copyFrom } from 'pg-copy-streams';
import { searchTextOf, foldForSearch } from '@vigil/shared/search';
import { eventHash, genesisHash } from '../../server/src/modules/audit/audit-chain.ts';
import type { FieldCipher } from '../../server/src/security/field-cipher.ts';
import { copyRows, unescapeCopyField } from './copy-text.ts';
import { countries, sentences, sourceDescriptions, titleActs, titleWho } from './texts.ts';

export interface GenerateOptions {
  incidents: number;
  // seals legal names, contacts, regions and source identities, as the app does
  cipher: FieldCipher;
  // of every generated account
  passwordHash: string;
  seed?: number;
  log?: (message: string) => void;
  // the CPU milliseconds PostgreSQL has spent so far, logged per step
  postgresCpuMs?: () => number;
}

export interface GeneratedAccount {
  id: string;
  email: string;
  role: 'ADMIN' | 'MANAGER' | 'ADVOCACY' | 'RESEARCHER';
  countries: string[];
}

export interface GenerateReport {
  accounts: GeneratedAccount[];
  rows: Record<string, number>;
  // seconds per step, in order
  steps: { step: string; seconds: number }[];
  seconds: number;
}

// one defender per 20 incidents, 50,000 at a million
const defendersFor = (incidents: number) =>
  Math.min(50_000, Math.max(countries.length * 2, Math.round(incidents / 20)));
const researchersPerCountry = 3;
// titles drawn per country
const titlesPerCountry = 200;
// 15 years of incidents: 2011-01-01 to 2025-12-31
const firstDay = '2011-01-01';
const days = 5478;

const loadedTables = [
  'Defender',
  'Incident',
  'IncidentAct',
  'IncidentCharge',
  'IncidentSource',
  'IncidentTransition',
  'AuditEvent',
];

// mulberry32: the same data for the same seed
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = ReturnType<typeof prng>;

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

function uuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Math.floor(random() * 4) & 3) | 8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

// A lookup table of 1000 entries in which each code's position (from 1) appears in proportion
// to its weight, so that SQL draws a weighted code with one random index: integers, because
// PostgreSQL reaches an element of an array of fixed-size values directly, and walks one of
// text from its start.
function weighted(codes: readonly string[], weights: Record<string, number> = {}): number[] {
  const total = codes.reduce((sum, code) => sum + (weights[code] ?? 1), 0);
  const table: number[] = [];
  let acc = 0;
  codes.forEach((code, index) => {
    acc += weights[code] ?? 1;
    while (table.length < Math.round((acc / total) * 1000)) table.push(index + 1);
  });
  return table;
}

const countryCodes = countries.map((c) => c.code);
const countryPick = weighted(
  countryCodes,
  Object.fromEntries(countries.map((c) => [c.code, c.weight])),
);

const violationWeights = {
  ARBITRARY_ARREST: 40,
  ARBITRARY_DETENTION: 25,
  JUDICIAL_HARASSMENT: 35,
  CRIMINAL_CHARGE: 20,
  THREAT_INTIMIDATION: 30,
  PHYSICAL_ASSAULT: 15,
  SURVEILLANCE: 15,
  DEFAMATION_STIGMATISATION: 12,
  TRAVEL_BAN: 6,
  KILLING: 4,
};
const perpetratorWeights = { POLICE: 40, LOCAL_AUTHORITIES: 20, MILITARY: 15, JUDICIARY: 12 };
const verifications = ['UNVERIFIED', 'POSSIBLE', 'LIKELY', 'CONFIRMED'];
// DRAFT 8 %, SUBMITTED 7 %, VERIFIED 60 %, ARCHIVED 25 %
const statusWeights = { DRAFT: 8, SUBMITTED: 7, VERIFIED: 60, ARCHIVED: 25 };

async function vocabularyCodes(client: pg.ClientBase): Promise<Map<string, string[]>> {
  const { rows } = await client.query<{ vocabulary: string; code: string }>(
    `SELECT "vocabulary", "code" FROM "VocabularyTerm" WHERE "retiredAt" IS NULL ORDER BY "position"`,
  );
  const codes = new Map<string, string[]>();
  for (const row of rows)
    codes.set(row.vocabulary, [...(codes.get(row.vocabulary) ?? []), row.code]);
  for (const name of ['violations', 'perpetrators', 'victimStatus', 'sectors', 'sourceKinds']) {
    if (!codes.get(name)?.length) throw new Error(`the vocabulary ${name} is empty: seed it first`);
  }
  return codes;
}

function accountsOf(random: Random): GeneratedAccount[] {
  const account = (
    email: string,
    role: GeneratedAccount['role'],
    list: string[] = [],
  ): GeneratedAccount => ({ id: uuid(random), email, role, countries: list });
  const accounts = [
    account('admin@bench.test', 'ADMIN'),
    account('manager@bench.test', 'MANAGER'),
    account('advocacy@bench.test', 'ADVOCACY'),
    account('researcher@bench.test', 'RESEARCHER', ['KH', 'TH']),
  ];
  for (const { code } of countries) {
    const cc = code.toLowerCase();
    accounts.push(account(`manager.${cc}@bench.test`, 'MANAGER', [code]));
    accounts.push(account(`advocacy.${cc}@bench.test`, 'ADVOCACY', [code]));
    for (let k = 1; k <= researchersPerCountry; k++) {
      accounts.push(account(`researcher.${cc}.${k}@bench.test`, 'RESEARCHER', [code]));
    }
  }
  return accounts;
}

// The researchers who write each country's incidents (the bench researcher among those of KH
// and TH, so that it has restricted records of its own), and each country's manager.
function authorsOf(accounts: GeneratedAccount[]) {
  const researchers: string[] = [];
  const managers: string[] = [];
  const bench = accounts.find((a) => a.email === 'researcher@bench.test')!;
  for (const { code } of countries) {
    const own = accounts.filter((a) => a.role === 'RESEARCHER' && a.countries.join() === code);
    if (bench.countries.includes(code)) own[0] = bench;
    researchers.push(...own.map((a) => a.id));
    managers.push(accounts.find((a) => a.role === 'MANAGER' && a.countries.join() === code)!.id);
  }
  return { researchers, managers };
}

interface DefenderPlan {
  // ids grouped by country, in the order of `countries`, with each group's offset and size
  ids: string[];
  offsets: number[];
  sizes: number[];
}

async function insertDefenders(
  client: pg.ClientBase,
  count: number,
  random: Random,
  cipher: FieldCipher,
  codes: Map<string, string[]>,
  researchers: string[],
): Promise<DefenderPlan> {
  const sectors = codes.get('sectors')!;
  const byCountry = countries.map(() => [] as string[]);
  const rows: (string | number | null | string[])[][] = [];
  for (let n = 0; n < count; n++) {
    // every country gets defenders, however few there are
    const c = n < countries.length * 2 ? n % countries.length : pick(random, countryPick) - 1;
    const texts = countries[c]!;
    const country = texts.code;
    const id = uuid(random);
    byCountry[c]!.push(id);
    const displayName = `${pick(random, texts.given)} ${pick(random, texts.family)}`;
    const aliases =
      random() < 0.3 ? [`${pick(random, texts.given)} ${pick(random, texts.family)}`] : [];
    const consent = pick(random, ['PUBLIC', 'PUBLIC', 'ANONYMISED', 'ANONYMISED', 'CONFIDENTIAL']);
    const sealed = (column: string, value: string) =>
      random() < 0.1 ? cipher.seal(value, `Defender.${column}:${id}`) : null;
    const created = new Date(Date.parse(`${firstDay}T00:00:00Z`) + random() * days * 86_400_000);
    rows.push([
      id,
      displayName,
      sealed('legalName', `${displayName} ${pick(random, texts.family)}`),
      aliases,
      consent === 'ANONYMISED' ? `Defender ${String.fromCharCode(65 + (n % 26))}-${n}` : null,
      pick(random, ['FEMALE', 'MALE', 'MALE', 'FEMALE', 'NON_BINARY', 'UNKNOWN']),
      random() < 0.6 ? 1950 + Math.floor(random() * 55) : null,
      country,
      sealed('region', pick(random, texts.places)),
      random() < 0.2
        ? [pick(random, sectors), pick(random, sectors)].filter((s, i, a) => a.indexOf(s) === i)
        : [pick(random, sectors)],
      random() < 0.5 ? `${pick(random, texts.places)} Community Network` : null,
      consent,
      pick(random, ['YES', 'NO', 'UNKNOWN', 'UNKNOWN']),
      pick(random, ['LOW', 'MEDIUM', 'MEDIUM', 'HIGH', 'CRITICAL']),
      sealed('contact', `+00 ${Math.floor(random() * 1e9)}`),
      searchTextOf([displayName, ...aliases]),
      created.toISOString(),
      created.toISOString(),
      researchers[c * researchersPerCountry + Math.floor(random() * researchersPerCountry)]!,
    ]);
  }
  await copyRows(
    client,
    'Defender',
    [
      'id',
      'displayName',
      'legalName',
      'aliases',
      'pseudonym',
      'gender',
      'birthYear',
      'country',
      'region',
      'sectors',
      'organisation',
      'consent',
      'shareWithAuthorities',
      'riskLevel',
      'contact',
      'searchText',
      'createdAt',
      'updatedAt',
      'createdById',
    ],
    rows,
  );
  const offsets: number[] = [];
  let offset = 0;
  for (const group of byCountry) {
    offsets.push(offset);
    offset += group.length;
  }
  return { ids: byCountry.flat(), offsets, sizes: byCountry.map((group) => group.length) };
}

// Titles per country (`titlesPerCountry` each, in the order of `countries`), with their folded
// text and place: SQL picks one by index, so that searchText is folded by the app's own code.
function titlesOf(random: Random) {
  const titles: string[] = [];
  const places: string[] = [];
  for (const texts of countries) {
    for (let k = 0; k < titlesPerCountry; k++) {
      const place = pick(random, texts.places);
      places.push(place);
      titles.push(`${pick(random, titleActs)} of ${pick(random, titleWho)} in ${place}`);
    }
  }
  return { titles, folded: titles.map(foldForSearch), places };
}

const folded = (list: string[]) => list.map(foldForSearch);

// The incidents are staged first, their acts and sources drawn from the stage, and then written
// to "Incident" once with what its triggers would have derived from those children (the
// columns of migration 20261203090000_list_columns): an UPDATE of every incident after its
// children would write each row twice and leave the table twice its size.
const staged = 'bench_incident';
const incidentColumns = `"id", "reference", "title", "summary", "occurredOn", "datePrecision",
  "country", "location", "verification", "status", "confidentiality", "searchText", "version",
  "createdAt", "updatedAt", "createdById", "deletedAt"`;

// As incident_summarise_acts and incident_count_sources compute them, over every incident at
// once: the distinct defenders, violations and perpetrators in the order of the acts (by
// position, then by place within the act) and the number of sources.
async function insertSummarisedIncidents(client: pg.ClientBase) {
  const inOrder = (value: string, first: string, from: string, alias: string) =>
    `(SELECT x."incidentId", array_agg(x.value ORDER BY x.first) AS list
      FROM (SELECT a."incidentId", ${value} AS value, min(${first}) AS first FROM ${from}
            GROUP BY 1, 2) AS x GROUP BY 1) AS ${alias}`;
  const acts = `"IncidentAct" AS a`;
  await client.query(
    `INSERT INTO "Incident" (${incidentColumns}, "defenderIds", "violations", "perpetrators",
       "sourceCount")
     SELECT ${incidentColumns
       .split(',')
       .map((column) => `s.${column.trim()}`)
       .join(', ')},
       coalesce(d.list, ARRAY[]::uuid[]), coalesce(v.list, ARRAY[]::text[]),
       coalesce(p.list, ARRAY[]::text[]), coalesce(n.count, 0)
     FROM ${staged} AS s
     LEFT JOIN ${inOrder('a."defenderId"', 'a."position"', acts, 'd')} ON d."incidentId" = s.id
     LEFT JOIN ${inOrder('a."violation"', 'a."position"', acts, 'v')} ON v."incidentId" = s.id
     LEFT JOIN ${inOrder(
       'u.code',
       'ARRAY[a."position", u.place::int]',
       `${acts} CROSS JOIN LATERAL unnest(a."perpetrators") WITH ORDINALITY AS u(code, place)`,
       'p',
     )}
       ON p."incidentId" = s.id
     LEFT JOIN (SELECT "incidentId", count(*)::int AS count FROM "IncidentSource" GROUP BY 1) AS n
       ON n."incidentId" = s.id`,
  );
  await client.query(`DROP TABLE ${staged}`);
}

// Incidents numbered `from` to `to` (their references derive from the number).
async function insertIncidents(
  client: pg.ClientBase,
  [from, to]: [number, number],
  titles: ReturnType<typeof titlesOf>,
  researchers: string[],
  managers: string[],
) {
  const statuses = Object.keys(statusWeights);
  const statusPick = weighted(statuses, statusWeights);
  const verifiedPick = weighted(verifications, { CONFIRMED: 50, LIKELY: 35, POSSIBLE: 15 });
  const openPick = weighted(verifications, { UNVERIFIED: 60, POSSIBLE: 30, LIKELY: 10 });
  // (n * 48271) mod 10^8 is a bijection of n below 10^8: references are unique
  await client.query(
    `INSERT INTO ${staged} (${incidentColumns})
     SELECT id, reference, title, summary, occurred, precision::"DatePrecision", country, location,
       verification::"Verification", status::"IncidentStatus", confidentiality::"Confidentiality",
       lower(reference) || ' • ' || title_folded || ' • ' || summary_folded,
       1 + transitions, created, created + transitions * interval '2 days',
       created_by, CASE WHEN r_deleted < 0.003 THEN created + interval '400 days' END
     FROM (
       SELECT *, country || '-' || extract(year FROM occurred) || '-' ||
           lpad(((n::bigint * 48271) % 100000000)::text, 8, '0') AS reference,
         o[1] || ' ' || m[1] || ' ' || e[1] || CASE WHEN r_rare < 0.001 THEN ' ' || $18 ELSE '' END AS summary,
         o[2] || ' ' || m[2] || ' ' || e[2] || CASE WHEN r_rare < 0.001 THEN ' ' || $19 ELSE '' END AS summary_folded,
         CASE status WHEN 'DRAFT' THEN CASE WHEN returned THEN 2 ELSE 0 END
           WHEN 'SUBMITTED' THEN 1 WHEN 'VERIFIED' THEN 2 ELSE 3 END AS transitions,
         (occurred + make_interval(days => 1 + floor(r_created * 20)::int,
           secs => floor(r_by * 86400)))::timestamptz(3) AS created,
         ($23::text[])[CASE WHEN status IN ('VERIFIED', 'ARCHIVED') THEN ($7::int[])[1 + floor(r_verification * 1000)::int]
           ELSE ($8::int[])[1 + floor(r_verification * 1000)::int] END] AS verification,
         CASE WHEN r_confidential < 0.07 THEN 'RESTRICTED' ELSE 'STANDARD' END AS confidentiality,
         CASE WHEN r_by < 0.9 THEN ($4::uuid[])[(c - 1) * ${researchersPerCountry} + 1 + floor(r_by / 0.9 * ${researchersPerCountry})::int]
           ELSE ($5::uuid[])[c] END AS created_by
       FROM (
         SELECT *, ($2::text[])[c] AS country,
           CASE WHEN r_precision < 0.85 THEN day
             WHEN r_precision < 0.95 THEN date_trunc('month', day)::date
             ELSE date_trunc('year', day)::date END AS occurred,
           CASE WHEN r_precision < 0.85 THEN 'DAY' WHEN r_precision < 0.95 THEN 'MONTH' ELSE 'YEAR' END AS precision,
           ARRAY[($12::text[])[1 + floor(r_o * $20)::int], ($13::text[])[1 + floor(r_o * $20)::int]] AS o,
           ARRAY[($14::text[])[1 + floor(r_m * $21)::int], ($15::text[])[1 + floor(r_m * $21)::int]] AS m,
           ARRAY[($16::text[])[1 + floor(r_e * $22)::int], ($17::text[])[1 + floor(r_e * $22)::int]] AS e
         FROM (
           SELECT n, id, ($3::int[])[1 + floor(r_country * 1000)::int] AS c,
             date '${firstDay}' + floor(sqrt(r_day) * ${days})::int AS day,
             ($24::text[])[($6::int[])[1 + floor(r_status * 1000)::int]] AS status,
             -- 15 % of drafts were returned once by a reviewer
             get_byte(uuid_send(id), 15) < 38 AS returned,
             r_title, r_o, r_m, r_e, r_rare, r_precision, r_created, r_by, r_verification,
             r_confidential, r_deleted
           FROM (
             SELECT n, gen_random_uuid() AS id, random() AS r_country, random() AS r_day,
               random() AS r_status, random() AS r_title, random() AS r_o, random() AS r_m,
               random() AS r_e, random() AS r_rare, random() AS r_precision, random() AS r_created,
               random() AS r_by, random() AS r_verification, random() AS r_confidential,
               random() AS r_deleted
             FROM generate_series($1::int, $25::int) AS n OFFSET 0
           ) AS draws OFFSET 0
         ) AS base OFFSET 0
       ) AS dated
       JOIN unnest($9::text[], $10::text[], $11::text[]) WITH ORDINALITY
         AS t(title, title_folded, location, k)
         ON t.k = (c - 1) * ${titlesPerCountry} + 1 + floor(r_title * ${titlesPerCountry})::int
       OFFSET 0
     ) AS incident`,
    [
      from,
      countryCodes,
      countryPick,
      researchers,
      managers,
      statusPick,
      verifiedPick,
      openPick,
      titles.titles,
      titles.folded,
      titles.places,
      sentences.opening,
      folded(sentences.opening),
      sentences.middle,
      folded(sentences.middle),
      sentences.closing,
      folded(sentences.closing),
      sentences.rare,
      foldForSearch(sentences.rare),
      sentences.opening.length,
      sentences.middle.length,
      sentences.closing.length,
      verifications,
      statuses,
      to,
    ],
  );
}

// 1.55 acts per incident (one, a second for 40 %, a third for 15 %, by bytes of its random id),
// against defenders of the incident's country.
async function insertActs(client: pg.ClientBase, codes: Map<string, string[]>, plan: DefenderPlan) {
  await client.query(
    `INSERT INTO "IncidentAct" ("incidentId", "position", "defenderId", "violation", "perpetrators",
       "victimStatus")
     SELECT id, position, ($2::uuid[])[($3::int[])[c] + 1 + floor(r_defender * ($4::int[])[c])::int],
       ($9::text[])[($5::int[])[1 + floor(r_violation * 1000)::int]],
       CASE WHEN r_second < 0.35 AND p1 <> p2 THEN ARRAY[p1, p2] ELSE ARRAY[p1] END,
       CASE WHEN r_status < 0.7 THEN ($7::text[])[1 + floor(r_status / 0.7 * $8)::int] END
     FROM (
       SELECT i.id, p AS position, array_position($1::text[], i.country::text) AS c,
         random() AS r_defender, random() AS r_violation, random() AS r_second,
         random() AS r_status,
         ($10::text[])[($6::int[])[1 + floor(random() * 1000)::int]] AS p1,
         ($10::text[])[($6::int[])[1 + floor(random() * 1000)::int]] AS p2
       FROM ${staged} AS i
       CROSS JOIN LATERAL generate_series(0,
         (get_byte(uuid_send(i.id), 14) < 102)::int + (get_byte(uuid_send(i.id), 14) < 38)::int) AS p
       OFFSET 0
     ) AS act`,
    [
      countries.map((c) => c.code),
      plan.ids,
      plan.offsets,
      plan.sizes,
      weighted(codes.get('violations')!, violationWeights),
      weighted(codes.get('perpetrators')!, perpetratorWeights),
      codes.get('victimStatus')!,
      codes.get('victimStatus')!.length,
      codes.get('violations')!,
      codes.get('perpetrators')!,
    ],
  );
}

// 0.46 charges per incident, against the defender of its first act.
async function insertCharges(client: pg.ClientBase, codes: Map<string, string[]>) {
  const statuses = codes.get('chargeStatus')!;
  await client.query(
    `INSERT INTO "IncidentCharge" ("incidentId", "position", "defenderId", "law", "status",
       "filedOn", "sentence")
     SELECT a."incidentId", 0, a."defenderId",
       ($2::text[])[(array_position($1::text[], i.country::text) - 1) * 3 + 1 + floor(random() * 3)::int],
       a.charge_status, i."occurredOn" + 1 + floor(random() * 60)::int,
       CASE WHEN a.charge_status = 'CONVICTED' THEN (1 + floor(random() * 10)) || ' years in prison' END
     FROM (SELECT *, ($3::text[])[1 + floor(random() * $4)::int] AS charge_status
           FROM "IncidentAct" WHERE "position" = 0 AND random() < 0.46 OFFSET 0) AS a
     JOIN ${staged} AS i ON i.id = a."incidentId"`,
    [countries.map((c) => c.code), countries.flatMap((c) => c.laws), statuses, statuses.length],
  );
}

// 2.5 sources per incident: verified and archived ones have the two that verifying needs.
async function insertSources(client: pg.ClientBase, codes: Map<string, string[]>) {
  const kinds = codes.get('sourceKinds')!;
  await client.query(
    `INSERT INTO "IncidentSource" ("incidentId", "position", "kind", "reliability", "description")
     SELECT i.id, p, ($1::text[])[1 + floor(random() * $2)::int],
       (ARRAY['HIGHLY_RELIABLE', 'RELIABLE', 'RELIABLE', 'FAIRLY_RELIABLE', 'UNKNOWN'])[1 + floor(random() * 5)::int]::"Reliability",
       ($3::text[])[1 + floor(random() * $4)::int]
     FROM ${staged} AS i
     CROSS JOIN LATERAL generate_series(0,
       CASE WHEN i.status IN ('VERIFIED', 'ARCHIVED') THEN 1 + (get_byte(uuid_send(i.id), 13) < 154)::int
         ELSE (get_byte(uuid_send(i.id), 13) < 154)::int + (get_byte(uuid_send(i.id), 13) < 85)::int END) AS p`,
    [kinds, kinds.length, sourceDescriptions, sourceDescriptions.length],
  );
}

// One source in about 30 names its informant, sealed like the app seals it.
async function sealSourceIdentities(client: pg.ClientBase, cipher: FieldCipher, random: Random) {
  const { rows } = await client.query<{ id: string }>(
    `SELECT id FROM "IncidentSource" WHERE get_byte(uuid_send(id), 15) < 8`,
  );
  await client.query(`CREATE TEMP TABLE sealed_identity (id uuid, identity text)`);
  const names = countries.flatMap((c) => c.family);
  await copyRows(
    client,
    'sealed_identity',
    ['id', 'identity'],
    rows.map(({ id }) => [
      id,
      cipher.seal(`Informant ${pick(random, names)}`, `IncidentSource.identity:${id}`),
    ]),
  );
  await client.query(
    `UPDATE "IncidentSource" AS s SET "identity" = t.identity FROM sealed_identity AS t WHERE s.id = t.id`,
  );
  await client.query(`DROP TABLE sealed_identity`);
  return rows.length;
}

// The workflow each status implies: submitted by the author, verified, returned and archived
// by the country's manager, two days apart; returned drafts went there and back.
async function insertTransitions(client: pg.ClientBase, managers: string[]) {
  await client.query(
    `INSERT INTO "IncidentTransition" ("incidentId", "from", "to", "comment", "actorId", "at")
     SELECT i.id, t.from_status::"IncidentStatus", t.to_status::"IncidentStatus", t.comment,
       CASE WHEN t.by_author THEN i."createdById" ELSE ($2::uuid[])[array_position($1::text[], i.country::text)] END,
       i."createdAt" + t.k * interval '2 days'
     FROM ${staged} AS i
     JOIN (VALUES
       ('SUBMITTED', 1, 'DRAFT', 'SUBMITTED', NULL, true),
       ('VERIFIED', 1, 'DRAFT', 'SUBMITTED', NULL, true),
       ('VERIFIED', 2, 'SUBMITTED', 'VERIFIED', 'Two independent sources confirm it', false),
       ('ARCHIVED', 1, 'DRAFT', 'SUBMITTED', NULL, true),
       ('ARCHIVED', 2, 'SUBMITTED', 'VERIFIED', 'Two independent sources confirm it', false),
       ('ARCHIVED', 3, 'VERIFIED', 'ARCHIVED', NULL, false),
       ('DRAFT', 1, 'DRAFT', 'SUBMITTED', NULL, true),
       ('DRAFT', 2, 'SUBMITTED', 'DRAFT', 'Please add a second source', false)
     ) AS t(status, k, from_status, to_status, comment, by_author)
       ON t.status = i.status::text AND (i.status <> 'DRAFT' OR i.version = 3)`,
    [countries.map((c) => c.code), managers],
  );
}

// The audit events the app would have written, in time order: a CREATE per defender and
// incident, a TRANSITION per transition, the accounts' sign-ins. chainAudit appends them to the
// log with the hash chain.
function auditEventsSql(accounts: GeneratedAccount[]): string {
  const event = (from: string) => `SELECT gen_random_uuid() AS id, ${from}`;
  const accountIds = `ARRAY[${accounts.map((account) => `'${account.id}'`).join(', ')}]::uuid[]`;
  return `SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), "actorId",
      action, entity, "entityId", country, changes, ip
    FROM (
      ${event(`"createdAt" AS at, "createdById" AS "actorId", 'CREATE' AS action,
        'Defender' AS entity, id::text AS "entityId", country,
        jsonb_build_object('displayName', jsonb_build_object('from', NULL, 'to', "displayName"),
          'country', jsonb_build_object('from', NULL, 'to', country),
          'consent', jsonb_build_object('from', NULL, 'to', consent)) AS changes,
        NULL AS ip FROM "Defender"`)}
      UNION ALL
      ${event(`"createdAt", "createdById", 'CREATE', 'Incident', id::text, country,
        jsonb_build_object('reference', jsonb_build_object('from', NULL, 'to', reference),
          'title', jsonb_build_object('from', NULL, 'to', title),
          'occurredOn', jsonb_build_object('from', NULL, 'to', "occurredOn"),
          'country', jsonb_build_object('from', NULL, 'to', country),
          'status', jsonb_build_object('from', NULL, 'to', 'DRAFT')), NULL
        FROM "Incident"`)}
      UNION ALL
      ${event(`t.at, t."actorId", 'TRANSITION', 'Incident', i.id::text, i.country,
        jsonb_build_object('status', jsonb_build_object('from', t."from", 'to', t."to")), NULL
        FROM "IncidentTransition" AS t JOIN "Incident" AS i ON i.id = t."incidentId"`)}
      UNION ALL
      ${event(`now() - interval '1 day' + k * interval '1 minute', u, 'LOGIN', 'User', u::text,
        NULL, NULL, '127.0.0.1' FROM unnest(${accountIds}) AS u, generate_series(1, 3) AS k`)}
    ) AS e ORDER BY at, id`;
}

const chainColumns =
  '"seq", "id", "at", "actorId", "action", "entity", "entityId", "country", "changes", "ip", "prevHash", "hash"';

// Streams the staged events out in time order, hashes each onto the chain with the app's own
// eventHash (what audit:verify checks) and streams them into the log, both at once. The chain
// continues from the log's last event.
async function chainAudit(
  reader: pg.ClientBase,
  writer: pg.ClientBase,
  accounts: GeneratedAccount[],
): Promise<number> {
  const { rows } = await writer.query<{ seq: string; hash: string }>(
    `SELECT "seq"::text AS seq, "hash" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1`,
  );
  let seq = BigInt(rows[0]?.seq ?? 0);
  let prevHash = rows[0]?.hash ?? genesisHash;
  let events = 0;
  let partial = '';
  // a chunk may end inside a character
  const decoder = new StringDecoder('utf8');
  const hashOne = (line: string) => {
    const [id, at, actorId, action, entity, entityId, country, changes, ip] = line.split('\t');
    seq += 1n;
    const text = (field: string | undefined) => unescapeCopyField(field!);
    const hash = eventHash({
      seq: String(seq),
      id: id!,
      at: new Date(at!),
      actorId: text(actorId),
      action: action!,
      entity: text(entity)!,
      entityId: text(entityId),
      country: text(country),
      changes: text(changes),
      ip: text(ip),
      prevHash,
    });
    const chained = `${seq}\t${line}\t${prevHash}\t${hash}\n`;
    prevHash = hash;
    events += 1;
    return chained;
  };
  // copyTo hands over a row at a time; the log is written in chunks, not a message per row
  let out = '';
  const chain = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const lines = (partial + decoder.write(chunk)).split('\n');
      partial = lines.pop()!;
      for (const line of lines) out += hashOne(line);
      if (out.length < 1 << 16) return done();
      done(null, out);
      out = '';
    },
    flush(done) {
      done(null, out + (partial ? hashOne(partial) : ''));
    },
  });
  await pipeline(
    reader.query(copyTo(`COPY (${auditEventsSql(accounts)}) TO STDOUT`)),
    chain,
    writer.query(copyFrom(`COPY "AuditEvent" (${chainColumns}) FROM STDIN`)),
  );
  return events;
}

interface IndexDefinition {
  table: string;
  name: string;
  drop: string;
  create: string;
}

// Tables that no foreign key points at: their primary keys can go for the load too, so that
// millions of random uuids are not inserted one by one into a btree but sorted once after.
const leafTables = [
  'IncidentAct',
  'IncidentCharge',
  'IncidentSource',
  'IncidentTransition',
  'AuditEvent',
];

// The loaded tables' secondary indexes (all but those of constraints) and the leaf tables'
// primary keys, dropped for the load.
async function dropIndexes(client: pg.ClientBase): Promise<IndexDefinition[]> {
  const { rows } = await client.query<IndexDefinition>(
    `SELECT t.relname AS table, i.relname AS name, format('DROP INDEX %I', i.relname) AS drop,
       pg_get_indexdef(i.oid) AS create
     FROM pg_index AS x JOIN pg_class AS i ON i.oid = x.indexrelid
     JOIN pg_class AS t ON t.oid = x.indrelid
     WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conindid = i.oid)
     UNION ALL
     SELECT t.relname, c.conname, format('ALTER TABLE %I DROP CONSTRAINT %I', t.relname, c.conname),
       format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.relname, c.conname, pg_get_constraintdef(c.oid))
     FROM pg_constraint AS c JOIN pg_class AS t ON t.oid = c.conrelid
     WHERE c.contype = 'p' AND t.relname = ANY($2) AND t.relnamespace = 'public'::regnamespace`,
    [loadedTables, leafTables],
  );
  for (const index of rows) await client.query(index.drop);
  return rows;
}

// The trigram and other GIN indexes first: the longest to build.
const largestFirst = (indexes: IndexDefinition[]) =>
  [...indexes].sort((a, b) => Number(b.create.includes('gin')) - Number(a.create.includes('gin')));

// Rebuilt by each of the clients in turn, taking from the queue (which the caller may still add
// to) until it is empty.
async function rebuildIndexes(
  clients: pg.ClientBase[],
  queue: IndexDefinition[],
  log: (message: string) => void,
) {
  await Promise.all(
    clients.map(async (client) => {
      for (let index = queue.shift(); index; index = queue.shift()) {
        const started = performance.now();
        await client.query(index.create);
        log(`  ${index.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
    }),
  );
}

async function loadingSession(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // the rows are right by construction: no foreign-key or trigger work per row (the audit
  // chain is computed by chainAudit), and no wait for each commit to reach the disk
  await client.query(`SET session_replication_role = replica`);
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET maintenance_work_mem = '1GB'`);
  // the audit events are sorted by time in memory
  await client.query(`SET work_mem = '2GB'`);
  return client;
}

export async function generateData(
  ownerUrl: string,
  options: GenerateOptions,
): Promise<GenerateReport> {
  const log = options.log ?? (() => {});
  const random = prng(options.seed ?? 20_261_203);
  const started = performance.now();
  const steps: GenerateReport['steps'] = [];
  let stepStarted = started;
  const cpuMs = options.postgresCpuMs;
  let cpuStarted = cpuMs?.() ?? 0;
  const step = (name: string) => {
    const now = performance.now();
    const cpu = cpuMs?.() ?? 0;
    steps.push({ step: name, seconds: (now - stepStarted) / 1000 });
    const spent = cpuMs ? ` (${((cpu - cpuStarted) / 1000).toFixed(1)} s of PostgreSQL CPU)` : '';
    log(`${name}: ${((now - stepStarted) / 1000).toFixed(1)} s${spent}`);
    stepStarted = now;
    cpuStarted = cpu;
  };
  // a and b load; c builds the incidents' indexes as soon as the incidents are in; d writes
  // the audit log that a reads
  const [a, b, c, d] = (await Promise.all([1, 2, 3, 4].map(() => loadingSession(ownerUrl)))) as [
    pg.Client,
    pg.Client,
    pg.Client,
    pg.Client,
  ];
  try {
    await a.query(`SELECT setseed($1)`, [(random() * 2 - 1) * 0.999]);
    await b.query(`SELECT setseed($1)`, [(random() * 2 - 1) * 0.999]);
    const codes = await vocabularyCodes(a);
    const accounts = accountsOf(random);
    const { researchers, managers } = authorsOf(accounts);
    const indexes = await dropIndexes(a);
    await a.query(
      `INSERT INTO "User" ("id", "email", "name", "role", "countries", "passwordHash")
       SELECT id, email, initcap(replace(split_part(email, '@', 1), '.', ' ')), role::"Role",
         string_to_array(countries, ','), $5
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS u(id, email, role, countries)`,
      [
        accounts.map((x) => x.id),
        accounts.map((x) => x.email),
        accounts.map((x) => x.role),
        accounts.map((x) => x.countries.join(',')),
        options.passwordHash,
      ],
    );
    const defenders = defendersFor(options.incidents);
    const titles = titlesOf(random);
    const half = Math.ceil(options.incidents / 2);
    await a.query(`CREATE UNLOGGED TABLE ${staged} (LIKE "Incident" INCLUDING DEFAULTS)`);
    const [plan] = await Promise.all([
      insertDefenders(b, defenders, random, options.cipher, codes, researchers).then(
        async (defendersPlan) => {
          await insertIncidents(b, [half + 1, options.incidents], titles, researchers, managers);
          return defendersPlan;
        },
      ),
      insertIncidents(a, [1, half], titles, researchers, managers),
    ]);
    step('defenders and incidents');
    await Promise.all([
      insertActs(a, codes, plan).then(() => insertCharges(a, codes)),
      insertSources(b, codes)
        .then(() => sealSourceIdentities(b, options.cipher, random))
        .then(() => insertTransitions(b, managers)),
    ]);
    step('acts, charges, sources and transitions');
    // Indexes are rebuilt on b as soon as their table is complete, while a writes the incidents
    // and then reads the audit log's events out for d to write, and c, once the incidents are
    // in, recounts the statistics (by the migration's own function: the load's sessions fire no
    // trigger) and builds the incidents' indexes. A primary key is added by an ALTER TABLE, which would wait for the end of any
    // statement that reads its table (and hold b meanwhile): those of the acts and sources
    // after the incidents are written, that of the transitions after the audit log.
    const ofTable = (...tables: string[]) =>
      largestFirst(indexes.filter((index) => tables.includes(index.table)));
    const children = [
      'Defender',
      'IncidentAct',
      'IncidentCharge',
      'IncidentSource',
      'IncidentTransition',
    ];
    const keyOf =
      (...tables: string[]) =>
      (index: IndexDefinition) =>
        tables.includes(index.table) && index.create.startsWith('ALTER');
    const readByIncidents = keyOf('IncidentAct', 'IncidentSource');
    const readByAudit = keyOf('IncidentTransition');
    const queue = ofTable(...children).filter(
      (index) => !readByIncidents(index) && !readByAudit(index),
    );
    let onB = rebuildIndexes([b], queue, log);
    // b goes on with them, whether it is still busy or not
    const rebuildOnB = (more: IndexDefinition[]) => {
      queue.push(...more);
      onB = onB.then(() => rebuildIndexes([b], queue, log));
    };
    await insertSummarisedIncidents(a);
    step('incidents with their list columns');
    rebuildOnB(indexes.filter(readByIncidents));
    const incidentIndexes = c
      .query(`SELECT incident_count_rebuild()`)
      .then(() => rebuildIndexes([c], ofTable('Incident'), log));
    await a.query(
      `INSERT INTO "IncidentReferenceCounter" ("country", "year", "last")
       SELECT country, extract(year FROM "occurredOn")::int, count(*) FROM "Incident" GROUP BY 1, 2
       ON CONFLICT ("country", "year") DO UPDATE SET "last" = EXCLUDED."last"`,
    );
    const events = await chainAudit(a, d, accounts);
    step('audit log');
    rebuildOnB([...indexes.filter(readByAudit), ...ofTable('AuditEvent')]);
    await Promise.all([incidentIndexes, onB, rebuildIndexes([a], queue, log)]);
    step('indexes');
    await Promise.all([
      a.query(`VACUUM (ANALYZE) "Incident", "IncidentAct", "IncidentCharge", "Defender", "User"`),
      b.query(
        `VACUUM (ANALYZE) "IncidentSource", "IncidentTransition", "AuditEvent", "IncidentReferenceCounter", "IncidentCount"`,
      ),
    ]);
    step('vacuum and analyze');
    const { rows } = await a.query<{ name: string; count: number }>(
      `SELECT name, count::int FROM (VALUES
         ('users', (SELECT count(*) FROM "User")),
         ('defenders', (SELECT count(*) FROM "Defender")),
         ('incidents', (SELECT count(*) FROM "Incident")),
         ('acts', (SELECT count(*) FROM "IncidentAct")),
         ('charges', (SELECT count(*) FROM "IncidentCharge")),
         ('sources', (SELECT count(*) FROM "IncidentSource")),
         ('transitions', (SELECT count(*) FROM "IncidentTransition"))) AS c(name, count)`,
    );
    return {
      accounts,
      rows: { ...Object.fromEntries(rows.map((r) => [r.name, r.count])), auditEvents: events },
      steps,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await Promise.all([a, b, c, d].map((client) => client.end()));
  }
}
