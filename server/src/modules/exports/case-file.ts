import { accessibleBy } from '@vigil/shared/auth/casl-prisma';
import type { datePrecisions } from '@vigil/shared/enums';
import { publicNameOf } from '@vigil/shared/pseudonym';
import {
  documentIncidentLimit,
  type CaseAttachment,
  type CaseCharge,
  type CaseDefender,
  type CaseFile,
  type CaseIncident,
  type CaseSummarySelection,
} from '@vigil/shared/schemas/exports';
import { Prisma } from '../../../../prisma/generated/client.ts';
import { whereSql } from '../../db/where-sql.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import type { Ctx } from '../../http/request-context.ts';
import { readableDefenders } from '../defenders/index.ts';
import { incidentFiltersWhere, readableIncidents } from '../incidents/index.ts';
import {
  advocacyKindLabels,
  advocacyStatusLabels,
  countryNameOf,
  formatDate,
  genderLabels,
  incidentStatusLabels,
  joinOr,
  loadVocabularyLabels,
  reliabilityLabels,
  riskLevelLabels,
  verificationLabels,
  type VocabularyLabel,
} from './labels.ts';

const { sql, join } = Prisma;

// Incidents (and defenders) are read this many at a time, so that an export of any size runs
// a bounded number of queries per page and holds one page in memory.
export const exportPageSize = 500;

// How acts of defenders who are not named read in public outputs: no name, alias or id.
export const unnamedDefender = {
  confidential: 'A defender who did not consent to be named',
  outsideAccess: 'A defender not named in this summary',
};

// The case file without its lists, which are read page by page.
export type CaseFileHead = Omit<CaseFile, 'incidents' | 'defenders'>;

export interface CaseFileStream {
  head: CaseFileHead;
  // the incidents' ids in the file's order, for the audit log
  incidentIds: string[];
  // their references, in the same order
  references: string[];
  // the country of every incident when they share one, for the audit log
  country: string | null;
  incidents: () => AsyncGenerator<CaseIncident[]>;
  defenders: () => AsyncGenerator<CaseDefender[]>;
  // the defenders of the file who are named (PUBLIC), the only ones whose files are listed
  namedDefenders: () => Promise<{ id: string; name: string }[]>;
}

// What may go public of the files attached to what the export holds: never a file marked
// sensitive, and only its copy without metadata.
const publicAttachment = {
  deletedAt: null,
  sensitive: false,
  hasCleanCopy: true,
  cleanSha256: { not: null },
  cleanSize: { not: null },
  cleanStorageKey: { not: null },
} satisfies Prisma.AttachmentWhereInput;

export interface PublicAttachment {
  id: string;
  entityId: string;
  name: string;
  mediaType: string;
  // of the copy without metadata
  size: number;
  sha256: string;
}

// The public files of these records (one statement for a page of them), oldest first.
export async function publicAttachmentsOf(
  ctx: Ctx,
  entity: 'INCIDENT' | 'DEFENDER',
  ids: readonly string[],
): Promise<PublicAttachment[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.db.attachment.findMany({
    where: { entity, entityId: { in: [...ids] }, ...publicAttachment },
    select: {
      id: true,
      entityId: true,
      name: true,
      mediaType: true,
      cleanSize: true,
      cleanSha256: true,
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.flatMap(({ cleanSize, cleanSha256, ...row }) =>
    cleanSize === null || cleanSha256 === null
      ? []
      : [{ ...row, size: Number(cleanSize), sha256: cleanSha256 }],
  );
}

function listedByOwner(attachments: PublicAttachment[]) {
  const byOwner = new Map<string, CaseAttachment[]>();
  for (const { entityId, name, mediaType, sha256 } of attachments) {
    const list = byOwner.get(entityId) ?? [];
    list.push({ name, mediaType, sha256 });
    byOwner.set(entityId, list);
  }
  return byOwner;
}

// The decision about files, said where the summary says what it covers.
export const attachmentScope = {
  label: 'Attachments',
  value:
    'Listed with the SHA-256 of the copy without metadata, the only copy an export holds. Files marked sensitive, files without such a copy, and the files of defenders known by a pseudonym (a file name or a photo can identify them) are left out.',
};

const inFileOrder: Prisma.IncidentOrderByWithRelationInput[] = [
  { occurredOn: 'asc' },
  { reference: 'asc' },
];

function readableAdvocacy(ctx: Ctx, ...filters: Prisma.AdvocacyActionWhereInput[]) {
  return {
    AND: [
      accessibleBy(ctx.ability, 'read').ofType('AdvocacyAction'),
      { deletedAt: null },
      ...filters,
    ],
  } satisfies Prisma.AdvocacyActionWhereInput;
}

// Incidents chosen by id, through a defender's acts or an advocacy action (any of them), then
// narrowed by the list filters.
function selectionWhere(ctx: Ctx, selection: CaseSummarySelection): Prisma.IncidentWhereInput[] {
  const { incidentId, advocacyId, defenderId, ...filters } = selection;
  const chosen: Prisma.IncidentWhereInput[] = [];
  if (incidentId) chosen.push({ id: { in: incidentId } });
  if (defenderId) chosen.push({ acts: { some: { defenderId: { in: defenderId } } } });
  if (advocacyId) {
    chosen.push({
      advocacy: {
        some: { advocacyId: { in: advocacyId }, advocacy: readableAdvocacy(ctx) },
      },
    });
  }
  return [...(chosen.length > 0 ? [{ OR: chosen }] : []), ...incidentFiltersWhere(filters)];
}

const distinctCount = (ids: readonly string[]) => new Set(ids).size;

// Ids the caller may not read are 404, as everywhere: the export never confirms that they exist.
// What was chosen is said in the scope, each as it may be named in public.
async function chosenScope(ctx: Ctx, selection: CaseSummarySelection) {
  const scope: CaseFileHead['scope'] = [];
  if (selection.incidentId) {
    const incidents = await ctx.db.incident.findMany({
      where: readableIncidents(ctx.ability, { id: { in: selection.incidentId } }),
      select: { reference: true, title: true, confidentiality: true },
      orderBy: inFileOrder,
    });
    if (incidents.length < distinctCount(selection.incidentId)) throw notFound('Incident');
    for (const incident of incidents) {
      if (incident.confidentiality === 'STANDARD') {
        scope.push({ label: 'Incident', value: `${incident.reference} — ${incident.title}` });
      }
    }
  }
  if (selection.defenderId) {
    const defenders = await ctx.db.defender.findMany({
      where: readableDefenders(ctx.ability, { id: { in: selection.defenderId } }),
      select: { id: true, displayName: true, pseudonym: true, consent: true },
    });
    if (defenders.length < distinctCount(selection.defenderId)) throw notFound('Defender');
    const names = defenders.map(
      (defender) => publicNameOf(defender) ?? unnamedDefender.confidential,
    );
    for (const name of names.sort((a, b) => a.localeCompare(b, 'en'))) {
      scope.push({ label: 'Defender', value: name });
    }
  }
  if (selection.advocacyId) {
    const actions = await ctx.db.advocacyAction.findMany({
      where: readableAdvocacy(ctx, { id: { in: selection.advocacyId } }),
      select: { title: true, kind: true, date: true },
      orderBy: [{ date: 'asc' }, { title: 'asc' }],
    });
    if (actions.length < distinctCount(selection.advocacyId)) throw notFound('Advocacy action');
    for (const action of actions) {
      scope.push({
        label: 'Advocacy action',
        value: `${action.title} (${advocacyKindLabels[action.kind]}, ${formatDate(action.date)})`,
      });
    }
  }
  return scope;
}

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');
const counted = (count: number, one: string, many: string) =>
  `${count} ${count === 1 ? one : many}`;

// Each list filter in words: "Country: Cambodia or Myanmar". Who logged the incidents is said
// as a number of people, never their names: the export may go public.
function filterScope(selection: CaseSummarySelection, label: VocabularyLabel) {
  const scope: CaseFileHead['scope'] = [];
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined) scope.push({ label: name, value });
  };
  const any = <T extends string>(values: readonly T[] | undefined, word: (value: T) => string) =>
    values && joinOr(values.map(word));
  add('Search', selection.q && `“${selection.q}”`);
  add('Country', any(selection.country, countryNameOf));
  add(
    'Violation',
    any(selection.violation, (code) => label('violations', code)),
  );
  add(
    'Perpetrator',
    any(selection.perpetrator, (code) => label('perpetrators', code)),
  );
  add(
    'Status',
    any(selection.status, (status) => incidentStatusLabels[status]),
  );
  add(
    'Verification',
    any(selection.verification, (verification) => verificationLabels[verification]),
  );
  add('From', selection.from && formatDate(selection.from));
  add('To', selection.to && formatDate(selection.to));
  add('Only incidents', selection.id && `${selection.id.length} chosen`);
  add(
    'Logged by',
    selection.createdById &&
      counted(selection.createdById.length, 'chosen person', 'chosen people'),
  );
  add(
    'Returned to their author',
    selection.returned === undefined ? undefined : yesNo(selection.returned),
  );
  add(
    'Linked to advocacy',
    selection.linkedToAdvocacy === undefined ? undefined : yesNo(selection.linkedToAdvocacy),
  );
  return scope;
}

// What an incident of the file is read with: public fields only (sources without description
// or identity), the latest verification without its comment, and advocacy already done.
const publicAdvocacy = {
  status: { in: ['PUBLISHED', 'DONE'] },
} satisfies Prisma.AdvocacyActionWhereInput;

function incidentSelect(ctx: Ctx) {
  return {
    id: true,
    reference: true,
    title: true,
    summary: true,
    occurredOn: true,
    datePrecision: true,
    country: true,
    location: true,
    status: true,
    verification: true,
    acts: {
      select: {
        defenderId: true,
        violation: true,
        perpetrators: true,
        victimStatus: true,
        notes: true,
      },
      orderBy: { position: 'asc' },
    },
    charges: {
      select: {
        defenderId: true,
        law: true,
        description: true,
        status: true,
        filedOn: true,
        sentence: true,
      },
      orderBy: { position: 'asc' },
    },
    sources: { select: { kind: true, reliability: true }, orderBy: { position: 'asc' } },
    transitions: {
      where: { to: 'VERIFIED' },
      select: { at: true },
      orderBy: { at: 'desc' },
      take: 1,
    },
    advocacy: {
      where: { advocacy: readableAdvocacy(ctx, publicAdvocacy) },
      select: {
        advocacy: { select: { kind: true, title: true, date: true, venue: true, status: true } },
      },
    },
  } satisfies Prisma.IncidentSelect;
}

type IncidentRow = Prisma.IncidentGetPayload<{ select: ReturnType<typeof incidentSelect> }>;
type ChargeRow = IncidentRow['charges'][number];

// The statuses each charge went through, from the incident's audit trail: every CREATE and
// UPDATE that touched the charges holds the whole list after it, so a charge (a defender and a
// law) changed status wherever its status differs from the one before.
type ChargeHistories = Map<string, CaseCharge['history']>;

const chargeKey = (incidentId: string, charge: { defenderId: string; law: string }) =>
  `${incidentId}\u0000${charge.defenderId}\u0000${charge.law}`;

interface ChargeEvent {
  incidentId: string;
  at: Date;
  charges: { defenderId?: unknown; law?: unknown; status?: unknown }[] | null;
}

async function chargeHistories(
  ctx: Ctx,
  incidentIds: string[],
  label: VocabularyLabel,
): Promise<ChargeHistories> {
  const histories: ChargeHistories = new Map();
  if (incidentIds.length === 0) return histories;
  const events = await ctx.db.$queryRaw<ChargeEvent[]>(sql`
    SELECT "entityId" AS "incidentId", "at", "changes" -> 'charges' -> 'to' AS "charges"
    FROM "AuditEvent"
    WHERE "entity" = 'Incident' AND "entityId" IN (${join(incidentIds)})
      AND "action" IN ('CREATE', 'UPDATE') AND "changes" -> 'charges' IS NOT NULL
    ORDER BY "at", "id"`);
  for (const event of events) {
    for (const charge of event.charges ?? []) {
      const { defenderId, law, status } = charge;
      if (typeof defenderId !== 'string' || typeof law !== 'string') continue;
      if (typeof status !== 'string') continue;
      const key = chargeKey(event.incidentId, { defenderId, law });
      const history = histories.get(key) ?? [];
      const statusLabel = label('chargeStatus', status);
      if (history.at(-1)?.status !== statusLabel)
        history.push({ at: event.at, status: statusLabel });
      histories.set(key, history);
    }
  }
  return histories;
}

// The audit trail when it ends in the charge's current status; otherwise (records from before
// the trail, or imported) the current status at its filing date, when there is one.
function historyOf(
  incidentId: string,
  charge: ChargeRow,
  status: string,
  histories: ChargeHistories,
) {
  const history = histories.get(chargeKey(incidentId, charge));
  if (history && history.at(-1)?.status === status) return history;
  return charge.filedOn ? [{ at: charge.filedOn, status }] : [];
}

interface NamedDefenders {
  named: Map<string, string>;
  confidential: Set<string>;
}

// The page's defenders as public outputs may name them; the others are left unnamed.
async function namesOf(ctx: Ctx, rows: IncidentRow[]): Promise<NamedDefenders> {
  const ids = [
    ...new Set(
      rows.flatMap((row) => [
        ...row.acts.map((act) => act.defenderId),
        ...row.charges.map((charge) => charge.defenderId),
      ]),
    ),
  ];
  const defenders = await ctx.db.defender.findMany({
    where: readableDefenders(ctx.ability, { id: { in: ids } }),
    select: { id: true, displayName: true, pseudonym: true, consent: true },
  });
  const named = new Map<string, string>();
  const confidential = new Set<string>();
  for (const defender of defenders) {
    const name = publicNameOf(defender);
    if (name === null) confidential.add(defender.id);
    else named.set(defender.id, name);
  }
  return { named, confidential };
}

function toCaseIncident(
  row: IncidentRow,
  names: NamedDefenders,
  histories: ChargeHistories,
  attachments: CaseAttachment[],
  label: VocabularyLabel,
): CaseIncident {
  const acts = row.acts.map((act) => {
    const name = names.named.get(act.defenderId);
    const perpetrators = act.perpetrators.map((code) => label('perpetrators', code));
    const violation = label('violations', act.violation);
    if (name === undefined) {
      // only what happened: notes and the defender's fate could tell who it was
      const defenderName = names.confidential.has(act.defenderId)
        ? unnamedDefender.confidential
        : unnamedDefender.outsideAccess;
      return { defenderId: null, defenderName, violation, perpetrators };
    }
    return {
      defenderId: act.defenderId,
      defenderName: name,
      violation,
      perpetrators,
      ...(act.victimStatus && { victimStatus: label('victimStatus', act.victimStatus) }),
      ...(act.notes && { notes: act.notes }),
    };
  });
  // a charge names its defender through the law and the court: charges of unnamed defenders
  // are left out
  const charges = row.charges.flatMap((charge) => {
    const defenderName = names.named.get(charge.defenderId);
    if (defenderName === undefined) return [];
    const status = label('chargeStatus', charge.status);
    return [
      {
        defenderName,
        law: charge.law,
        ...(charge.description && { description: charge.description }),
        status,
        ...(charge.filedOn && { filedOn: formatDate(charge.filedOn) }),
        ...(charge.sentence && { sentence: charge.sentence }),
        history: historyOf(row.id, charge, status, histories),
      },
    ];
  });
  const verifiedAt = row.transitions[0]?.at;
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    summary: row.summary,
    date: formatDate(row.occurredOn, row.datePrecision),
    occurredOn: row.occurredOn.toISOString().slice(0, 10),
    datePrecision: row.datePrecision,
    country: row.country,
    countryName: countryNameOf(row.country),
    ...(row.location && { location: row.location }),
    status: incidentStatusLabels[row.status],
    verification: verificationLabels[row.verification],
    acts,
    charges,
    sources: row.sources.map((source) => ({
      kind: label('sourceKinds', source.kind),
      reliability: reliabilityLabels[source.reliability],
    })),
    ...(verifiedAt && { verifiedAt }),
    advocacy: row.advocacy
      .map((link) => link.advocacy)
      .sort((a, b) => a.date.getTime() - b.date.getTime() || a.title.localeCompare(b.title))
      .map((action) => ({
        kind: advocacyKindLabels[action.kind],
        title: action.title,
        date: formatDate(action.date),
        ...(action.venue && { venue: action.venue }),
        status: advocacyStatusLabels[action.status],
      })),
    attachments,
  };
}

interface TimelineRow {
  defenderId: string;
  reference: string;
  title: string;
  occurredOn: string;
  datePrecision: (typeof datePrecisions)[number];
}

export function* pagesOf<T>(items: readonly T[], size = exportPageSize) {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

// The case file of a selection, ready to stream: its head (title, scope, what was left out)
// and the ids of its incidents are read now; the incidents and the defenders are read a page
// at a time as the renderer asks for them.
export async function openCaseFile(
  ctx: Ctx,
  selection: CaseSummarySelection,
): Promise<CaseFileStream> {
  const label = await loadVocabularyLabels(ctx.db);
  const chosen = await chosenScope(ctx, selection);
  const selected = selectionWhere(ctx, selection);
  // RESTRICTED incidents never go public, even to those who may read them
  const included = readableIncidents(ctx.ability, ...selected, { confidentiality: 'STANDARD' });
  const appearing: Prisma.DefenderWhereInput = {
    OR: [{ acts: { some: { incident: included } } }, { charges: { some: { incident: included } } }],
  };
  const shown = readableDefenders(ctx.ability, { consent: { not: 'CONFIDENTIAL' } });
  const [listed, restricted, unnamed] = await Promise.all([
    ctx.db.incident.findMany({
      where: included,
      select: { id: true, country: true, reference: true },
      orderBy: inFileOrder,
    }),
    ctx.db.incident.count({
      where: readableIncidents(ctx.ability, ...selected, { confidentiality: 'RESTRICTED' }),
    }),
    ctx.db.defender.count({ where: { AND: [appearing, { NOT: shown }] } }),
  ]);
  const incidentIds = listed.map((incident) => incident.id);
  const countries = new Set(listed.map((incident) => incident.country));
  const filters = filterScope(selection, label);
  const everything = chosen.length === 0 && filters.length === 0 && !selection.incidentId;
  const head: CaseFileHead = {
    title: `Case summary: ${counted(incidentIds.length, 'incident', 'incidents')}`,
    generatedAt: new Date(),
    scope: [
      ...(everything
        ? [{ label: 'Incidents', value: 'All that the exporting account may read' }]
        : [...chosen, ...filters]),
      attachmentScope,
    ],
    omitted: { incidents: restricted, defenders: unnamed },
  };

  async function* incidents() {
    const select = incidentSelect(ctx);
    for (const page of pagesOf(incidentIds)) {
      const rows = await ctx.db.incident.findMany({
        where: { AND: [included, { id: { in: page } }] },
        select,
        orderBy: inFileOrder,
      });
      const withCharges = rows.filter((row) => row.charges.length > 0).map((row) => row.id);
      const [names, histories, attachments] = await Promise.all([
        namesOf(ctx, rows),
        chargeHistories(ctx, withCharges, label),
        publicAttachmentsOf(ctx, 'INCIDENT', page),
      ]);
      const filesOf = listedByOwner(attachments);
      yield rows.map((row) =>
        toCaseIncident(row, names, histories, filesOf.get(row.id) ?? [], label),
      );
    }
  }

  async function* defenders() {
    // sorted here by the name shown: an order by real names would hint at them
    const rows = await ctx.db.defender.findMany({
      where: { AND: [shown, appearing] },
      select: {
        id: true,
        displayName: true,
        pseudonym: true,
        aliases: true,
        consent: true,
        gender: true,
        sectors: true,
        organisation: true,
        country: true,
        riskLevel: true,
        shareWithAuthorities: true,
      },
    });
    const named = rows
      .map((row) => ({ row, name: publicNameOf(row) ?? unnamedDefender.confidential }))
      .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.row.id.localeCompare(b.row.id));
    for (const page of pagesOf(named)) {
      const ids = page.map(({ row }) => row.id);
      const named = page.filter(({ row }) => row.consent === 'PUBLIC').map(({ row }) => row.id);
      const filesOf = listedByOwner(await publicAttachmentsOf(ctx, 'DEFENDER', named));
      // the defenders' incidents in one statement: Prisma would read each incident's acts and
      // charges apart, then join them in memory
      const timeline = await ctx.db.$queryRaw<TimelineRow[]>(sql`
        SELECT link."defenderId"::text AS "defenderId", i."reference", i."title",
          to_char(i."occurredOn", 'YYYY-MM-DD') AS "occurredOn", i."datePrecision"::text AS "datePrecision"
        FROM (
          SELECT "defenderId", "incidentId" FROM "IncidentAct" WHERE "defenderId" = ANY(${ids}::uuid[])
          UNION
          SELECT "defenderId", "incidentId" FROM "IncidentCharge" WHERE "defenderId" = ANY(${ids}::uuid[])
        ) AS link
        JOIN "Incident" AS i ON i."id" = link."incidentId"
        WHERE ${whereSql('Incident', 'i', included)}
        ORDER BY i."occurredOn", i."reference"`);
      const incidentsOf = new Map<string, CaseDefender['incidents']>();
      for (const { defenderId, reference, title, occurredOn, datePrecision } of timeline) {
        const entry = { reference, title, date: formatDate(occurredOn, datePrecision) };
        const list = incidentsOf.get(defenderId);
        if (list) list.push(entry);
        else incidentsOf.set(defenderId, [entry]);
      }
      yield page.map(({ row, name }) => {
        const pseudonymous = row.consent !== 'PUBLIC';
        return {
          id: row.id,
          name,
          pseudonymous,
          ...(!pseudonymous && row.aliases.length > 0 && { aliases: row.aliases }),
          gender: genderLabels[row.gender],
          sectors: row.sectors.map((code) => label('sectors', code)),
          // an organisation can point at one person: not for those known by a pseudonym
          ...(row.organisation && !pseudonymous && { organisation: row.organisation }),
          country: row.country,
          countryName: countryNameOf(row.country),
          riskLevel: riskLevelLabels[row.riskLevel],
          consent: row.consent,
          incidents: incidentsOf.get(row.id) ?? [],
          shareWithAuthorities: row.shareWithAuthorities,
          attachments: filesOf.get(row.id) ?? [],
        };
      });
    }
  }

  async function namedDefenders() {
    const rows = await ctx.db.defender.findMany({
      where: { AND: [shown, appearing, { consent: 'PUBLIC' }] },
      select: { id: true, displayName: true },
    });
    // PUBLIC: named by their display name
    return rows
      .map((row) => ({ id: row.id, name: row.displayName }))
      .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id));
  }

  return {
    head,
    incidentIds,
    references: listed.map((incident) => incident.reference),
    country: countries.size === 1 ? [...countries][0]! : null,
    incidents,
    defenders,
    namedDefenders,
  };
}

// A document a person reads: past this many incidents it helps nobody.
export function assertDocumentSize(file: CaseFileStream) {
  if (file.incidentIds.length > documentIncidentLimit) {
    throw new AppError(
      'VALIDATION',
      `This selection has ${file.incidentIds.length} incidents; a document holds at most ${documentIncidentLimit}. Narrow the filters, or export CSV, XLSX or JSON.`,
      [
        {
          path: 'query',
          code: 'too_many_incidents',
          message: `At most ${documentIncidentLimit} incidents`,
        },
      ],
    );
  }
}

async function collect<T>(pages: AsyncGenerator<T[]>): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...page);
  return items;
}

// The whole case file in memory, for the paged documents (PDF, DOCX).
export async function caseFileOf(file: CaseFileStream): Promise<CaseFile> {
  assertDocumentSize(file);
  return {
    ...file.head,
    incidents: await collect(file.incidents()),
    defenders: await collect(file.defenders()),
  };
}

export async function loadCaseFile(ctx: Ctx, selection: CaseSummarySelection): Promise<CaseFile> {
  return caseFileOf(await openCaseFile(ctx, selection));
}
