import { randomUUID } from 'node:crypto';
import { ForbiddenError } from '@casl/ability';
import type { AppAbility } from '@vigil/shared/auth/abilities';
import { accessibleBy } from '@vigil/shared/auth/casl-prisma';
import { incidentSensitiveFields } from '@vigil/shared/auth/fields';
import type { IncludeQuery } from '@vigil/shared/schemas/common';
import {
  sourcesToVerify,
  type CreateIncidentInput,
  type IncidentFilters,
  type IncidentListItem,
  type IncidentListQuery,
  type IncidentOutput,
  type UpdateIncidentInput,
} from '@vigil/shared/schemas/incidents';
import { searchTextOf, searchWordsOf } from '@vigil/shared/search';
import { escapeLike } from '../../db/escape-like.ts';
import type { Prisma } from '../../../../prisma/generated/client.ts';
import type { Db, Tx } from '../../db/prisma.ts';
import { AppError, notFound, validationError } from '../../http/app-error.ts';
import { conflict } from '../../http/conflict.ts';
import { jsonPage, jsonRecord } from '../../db/json-page.ts';
import { parseSort } from '../../http/pagination.ts';
import { presentJsonPage } from '../../http/present.ts';
import type { Ctx } from '../../http/request-context.ts';
import { placeOf, type FieldCipher } from '../../security/field-cipher.ts';
import { changesOf, recordAudit } from '../audit/index.ts';
import { assertReadableDefenders } from '../defenders/index.ts';
import { assertKnownCodes, codeKey, type CodeUse } from '../vocabularies/index.ts';
import { presentIncident } from './incidents.presenter.ts';
import { newReference } from './incidents.references.ts';
import {
  auditedFields,
  incidentEvent,
  incidentChildren,
  incidentColumns,
  incidentSelect,
  incidentSubject,
  incidentSummaryColumns,
  toIncidentOutput,
} from './incidents.select.ts';

type Presented = Partial<IncidentOutput>;

// Deleted incidents stay visible to whoever may do everything with incidents (admins), so
// that they can be found and restored.
const seesDeleted = (ability: AppAbility) => ability.can('manage', 'Incident');

// The incidents the caller may read, deleted ones left out, narrowed by any further filters.
export function readableIncidents(
  ability: AppAbility,
  ...filters: Prisma.IncidentWhereInput[]
): Prisma.IncidentWhereInput {
  return {
    AND: [accessibleBy(ability, 'read').ofType('Incident'), { deletedAt: null }, ...filters],
  };
}

// The incident `id` if the ability may read it; deleted ones only for those who see them, when
// asked for.
function readableIncident(ability: AppAbility, id: string, { withDeleted = false } = {}) {
  return {
    AND: [
      accessibleBy(ability, 'read').ofType('Incident'),
      { id },
      withDeleted && seesDeleted(ability) ? {} : { deletedAt: null },
    ],
  };
}

// The incident if the caller may read it, else 404: an unreadable incident does not exist.
export async function loadIncident(
  db: Db | Tx,
  ability: AppAbility,
  id: string,
  options: { withDeleted?: boolean } = {},
): Promise<IncidentOutput> {
  const row = await db.incident.findFirst({
    where: readableIncident(ability, id, options),
    select: incidentSelect,
  });
  if (!row) throw notFound('Incident');
  return toIncidentOutput(row);
}

// A source's identity is sealed at rest, bound to the source's own id (security/field-cipher.ts),
// which the incident's output does not carry: these are the stored ones, in the sources' order.
const identityPlace = (sourceId: string) => placeOf('IncidentSource', 'identity', sourceId);

function storedIdentities(db: Db | Tx, incidentId: string) {
  return db.incidentSource.findMany({
    where: { incidentId },
    orderBy: { position: 'asc' },
    select: { id: true, identity: true },
  });
}

type StoredIdentity = { id: string; identity: string | null };

const openedIdentity = (cipher: FieldCipher, { id, identity }: StoredIdentity) =>
  identity && cipher.open(identity, identityPlace(id));

const openedIdentities = (cipher: FieldCipher, stored: StoredIdentity[]) =>
  stored.map((source) => openedIdentity(cipher, source));

// Source identities only with `include=sensitive`, opened with `cipher`.
export async function getIncident(
  ctx: Ctx,
  id: string,
  { include }: IncludeQuery = {},
  cipher?: FieldCipher,
): Promise<Presented> {
  if (include !== 'sensitive' || !cipher) {
    // the detail people open most: one statement on the pool, written as JSON by PostgreSQL
    const incident = await jsonRecord<IncidentOutput>({
      pool: ctx.pool,
      model: 'Incident',
      columns: incidentColumns,
      children: incidentChildren,
      where: readableIncident(ctx.ability, id, { withDeleted: true }),
    });
    if (incident === undefined) throw notFound('Incident');
    return presentIncident(ctx, JSON.parse(incident) as IncidentOutput);
  }
  // one snapshot, so that the identities opened are those of the sources shown
  const [incident, stored] = await ctx.db.$transaction(
    async (tx) =>
      [
        await loadIncident(tx, ctx.ability, id, { withDeleted: true }),
        await storedIdentities(tx, id),
      ] as const,
    { isolationLevel: 'RepeatableRead' },
  );
  const presented = await presentIncident(ctx, incident, { sensitive: true });
  // only the identities this caller is shown are opened
  return {
    ...presented,
    sources: presented.sources?.map((source, index) =>
      source.identity ? { ...source, identity: openedIdentity(cipher, stored[index]!) } : source,
    ),
  };
}

// Someone else saved first: the current incident goes back with the 409 (without sensitive
// values, like every answer to a write).
export async function conflictWithCurrent(ctx: Ctx, id: string) {
  return conflict(await getIncident(ctx, id));
}

// Drafts sent back by a reviewer. A DRAFT incident's status last changed by a transition into
// DRAFT (edits never change it), and the only such edge is the return SUBMITTED → DRAFT: so a
// draft with a return in its history is one whose latest transition was a return.
const returnedDraft = {
  status: 'DRAFT',
  transitions: { some: { from: 'SUBMITTED', to: 'DRAFT' } },
} satisfies Prisma.IncidentWhereInput;

const liveAdvocacyLink = {
  advocacy: { deletedAt: null },
} satisfies Prisma.AdvocacyIncidentWhereInput;

// The list filters as Prisma conditions, for the list and for whoever filters incidents the
// same way (exports, statistics). Act filters match when any act matches. Each is one more
// condition in an AND after the caller's ability: a filter only ever narrows what may be read.
export function incidentFiltersWhere(filters: IncidentFilters): Prisma.IncidentWhereInput[] {
  const words = filters.q ? searchWordsOf(filters.q) : [];
  const where: Prisma.IncidentWhereInput[] = words.map((word) => ({
    searchText: { contains: escapeLike(word) },
  }));
  if (filters.id) where.push({ id: { in: filters.id } });
  if (filters.country) where.push({ country: { in: filters.country } });
  if (filters.status) where.push({ status: { in: filters.status } });
  if (filters.verification) where.push({ verification: { in: filters.verification } });
  // the acts' values as the incident keeps them (one GIN index each), not a probe per incident
  if (filters.violation) where.push({ violations: { hasSome: filters.violation } });
  if (filters.perpetrator) where.push({ perpetrators: { hasSome: filters.perpetrator } });
  if (filters.defenderId) where.push({ defenderIds: { hasSome: filters.defenderId } });
  if (filters.from) where.push({ occurredOn: { gte: new Date(filters.from) } });
  if (filters.to) where.push({ occurredOn: { lte: new Date(filters.to) } });
  if (filters.createdById) where.push({ createdById: { in: filters.createdById } });
  if (filters.returned !== undefined) {
    where.push(filters.returned ? returnedDraft : { NOT: returnedDraft });
  }
  if (filters.linkedToAdvocacy !== undefined) {
    where.push({
      advocacy: filters.linkedToAdvocacy ? { some: liveAdvocacyLink } : { none: liveAdvocacyLink },
    });
  }
  return where;
}

export async function listIncidents(ctx: Ctx, query: IncidentListQuery) {
  const details = query.include === 'details';
  const page = await jsonPage<IncidentListItem>({
    pool: ctx.pool,
    model: 'Incident',
    columns: details ? incidentColumns : incidentSummaryColumns,
    children: details ? incidentChildren : {},
    where: readableIncidents(ctx.ability, ...incidentFiltersWhere(query)),
    sort: parseSort(query.sort),
    limit: query.limit,
    cursor: query.cursor,
  });
  return presentJsonPage(ctx.ability, 'Incident', page);
}

// an update may leave any of them out
type IncidentLists = Partial<Pick<CreateIncidentInput, 'acts' | 'charges' | 'sources'>>;

type CodedLists = Pick<IncidentOutput, 'acts' | 'charges' | 'sources'>;

function codeUsesOf(lists: IncidentLists | CodedLists): CodeUse[] {
  const acts = (lists.acts ?? []).flatMap((act, i): CodeUse[] => [
    { vocabulary: 'violations', code: act.violation, path: `body.acts.${i}.violation` },
    ...act.perpetrators.map((code, j): CodeUse => ({
      vocabulary: 'perpetrators',
      code,
      path: `body.acts.${i}.perpetrators.${j}`,
    })),
    ...(act.victimStatus
      ? [
          {
            vocabulary: 'victimStatus',
            code: act.victimStatus,
            path: `body.acts.${i}.victimStatus`,
          } satisfies CodeUse,
        ]
      : []),
  ]);
  const charges = (lists.charges ?? []).map((charge, i): CodeUse => ({
    vocabulary: 'chargeStatus',
    code: charge.status,
    path: `body.charges.${i}.status`,
  }));
  const sources = (lists.sources ?? []).map((source, i): CodeUse => ({
    vocabulary: 'sourceKinds',
    code: source.kind,
    path: `body.sources.${i}.kind`,
  }));
  return [...acts, ...charges, ...sources];
}

// Codes must be living vocabulary terms, except retired ones the incident already carried;
// defenders must be ones the caller may read.
async function assertValidLists(
  tx: Tx,
  ability: AppAbility,
  lists: IncidentLists,
  before?: IncidentOutput,
) {
  const kept = new Set(
    before ? codeUsesOf(before).map((use) => codeKey(use.vocabulary, use.code)) : [],
  );
  await assertKnownCodes(tx, codeUsesOf(lists), kept);
  await assertReadableDefenders(tx, ability, [
    ...(lists.acts ?? []).map((act, i) => ({
      id: act.defenderId,
      path: `body.acts.${i}.defenderId`,
    })),
    ...(lists.charges ?? []).map((charge, i) => ({
      id: charge.defenderId,
      path: `body.charges.${i}.defenderId`,
    })),
  ]);
}

// Verification rests on the sources: an edit may not take a verified incident below the
// number that verifying it required.
function assertStillVerifiable(before: IncidentOutput, sources: IncidentLists['sources']) {
  const verified = before.status === 'VERIFIED' || before.status === 'ARCHIVED';
  if (verified && sources && sources.length < sourcesToVerify) {
    throw validationError([
      {
        path: 'body.sources',
        code: 'too_small',
        message: `A ${before.status} incident keeps at least ${sourcesToVerify} sources`,
      },
    ]);
  }
}

const optionalDate = (date: string | null | undefined) => (date ? new Date(date) : null);

// Child rows in request order; `position` keeps that order. Sources get their ids here, since
// their identities are sealed bound to them.
function listRows(lists: IncidentLists, cipher: FieldCipher) {
  return {
    acts: lists.acts?.map((act, position) => ({
      position,
      defenderId: act.defenderId,
      violation: act.violation,
      perpetrators: act.perpetrators,
      victimStatus: act.victimStatus ?? null,
      notes: act.notes ?? null,
    })),
    charges: lists.charges?.map((charge, position) => ({
      position,
      defenderId: charge.defenderId,
      law: charge.law,
      description: charge.description ?? null,
      status: charge.status,
      filedOn: optionalDate(charge.filedOn),
      sentence: charge.sentence ?? null,
    })),
    sources: lists.sources?.map((source, position) => {
      const id = randomUUID();
      return {
        id,
        position,
        kind: source.kind,
        reliability: source.reliability,
        description: source.description,
        identity: source.identity ? cipher.seal(source.identity, identityPlace(id)) : null,
      };
    }),
  };
}

export async function createIncident(
  ctx: Ctx,
  input: CreateIncidentInput,
  cipher: FieldCipher,
): Promise<Presented> {
  const { acts, charges, sources, occurredOn, ...fields } = input;
  ForbiddenError.from(ctx.ability).throwUnlessCan(
    'create',
    incidentSubject({ ...fields, createdById: ctx.user.id, status: 'DRAFT' }),
  );
  return ctx.db.$transaction(async (tx) => {
    await assertValidLists(tx, ctx.ability, { acts, charges, sources });
    const rows = listRows({ acts, charges, sources }, cipher);
    const reference = await newReference(tx, fields.country, occurredOn);
    const row = await tx.incident.create({
      data: {
        ...fields,
        reference,
        occurredOn: new Date(occurredOn),
        searchText: searchTextOf([reference, fields.title, fields.summary]),
        createdById: ctx.user.id,
        acts: { create: rows.acts },
        charges: { create: rows.charges },
        sources: { create: rows.sources },
      },
      select: incidentSelect,
    });
    const created = toIncidentOutput(row);
    const changes = changesOf(null, auditedFields(created), incidentSensitiveFields);
    await recordAudit(tx, incidentEvent(ctx, 'CREATE', created, changes));
    return presentIncident(ctx, created);
  });
}

// Lists given replace the old ones wholesale; lists not given stay as they are.
function replacedLists(lists: IncidentLists, cipher: FieldCipher): Prisma.IncidentUpdateInput {
  const rows = listRows(lists, cipher);
  const replace = <T>(items: T[] | undefined) => items && { deleteMany: {}, create: items };
  return {
    acts: replace(rows.acts),
    charges: replace(rows.charges),
    sources: replace(rows.sources),
  };
}

// The incident with these source identities (opened ones, for the audit's comparison).
function withIdentities(incident: IncidentOutput, identities: (string | null)[]): IncidentOutput {
  return {
    ...incident,
    sources: incident.sources.map((source, index) => ({
      ...source,
      identity: identities[index] ?? null,
    })),
  };
}

export async function updateIncident(
  ctx: Ctx,
  id: string,
  input: UpdateIncidentInput,
  cipher: FieldCipher,
): Promise<Presented> {
  const { version, acts, charges, sources, occurredOn, ...fields } = input;
  const updated = await ctx.db.$transaction(async (tx) => {
    const before = await loadIncident(tx, ctx.ability, id);
    if (before.version !== version) return undefined;
    const forbidden = ForbiddenError.from(ctx.ability);
    forbidden.throwUnlessCan('update', incidentSubject(before));
    // the incident as it will be: nobody may move one out of the countries they work on
    forbidden.throwUnlessCan('update', incidentSubject({ ...before, ...fields }));
    assertStillVerifiable(before, sources);
    await assertValidLists(tx, ctx.ability, { acts, charges, sources }, before);
    const { count } = await tx.incident.updateMany({
      where: { id, version },
      data: {
        ...fields,
        ...(occurredOn ? { occurredOn: new Date(occurredOn) } : {}),
        searchText: searchTextOf([
          before.reference,
          fields.title ?? before.title,
          fields.summary ?? before.summary,
        ]),
        version: { increment: 1 },
      },
    });
    if (count === 0) return undefined;
    // Sources given replace the old ones, each identity sealed afresh: they are compared opened,
    // so that sources saved again unchanged are no change (the log masks them). Sources not given
    // keep their sealed values, equal before and after, and are neither read again nor opened.
    const identities = sources && {
      before: openedIdentities(cipher, await storedIdentities(tx, id)),
      after: sources.map((source) => source.identity ?? null),
    };
    const row = await tx.incident.update({
      where: { id },
      data: replacedLists({ acts, charges, sources }, cipher),
      select: incidentSelect,
    });
    const after = toIncidentOutput(row);
    const changes = changesOf(
      auditedFields(identities ? withIdentities(before, identities.before) : before),
      auditedFields(identities ? withIdentities(after, identities.after) : after),
      incidentSensitiveFields,
    );
    await recordAudit(tx, incidentEvent(ctx, 'UPDATE', after, changes));
    return presentIncident(ctx, after);
  });
  if (!updated) throw await conflictWithCurrent(ctx, id);
  return updated;
}

export async function deleteIncident(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const before = await loadIncident(tx, ctx.ability, id);
    ForbiddenError.from(ctx.ability).throwUnlessCan('delete', incidentSubject(before));
    const deletedAt = new Date();
    // only the version the permission was checked on: an incident moved meanwhile (or deleted
    // by someone else) is not deleted
    const { count } = await tx.incident.updateMany({
      where: { id, deletedAt: null, version: before.version },
      data: { deletedAt, version: { increment: 1 } },
    });
    if (count === 0) throw new AppError('CONFLICT', 'The incident changed meanwhile; try again');
    const changes = changesOf({ deletedAt: null }, { deletedAt: deletedAt.toISOString() });
    await recordAudit(tx, incidentEvent(ctx, 'DELETE', before, changes));
  });
}

// A deleted incident is 404 to all but admins; a live one the caller reads but may not
// manage is 403.
export async function restoreIncident(ctx: Ctx, id: string): Promise<Presented> {
  return ctx.db.$transaction(async (tx) => {
    const before = await loadIncident(tx, ctx.ability, id, { withDeleted: true });
    ForbiddenError.from(ctx.ability).throwUnlessCan('manage', incidentSubject(before));
    const { count } = await tx.incident.updateMany({
      where: { id, deletedAt: { not: null } },
      data: { deletedAt: null, version: { increment: 1 } },
    });
    if (count === 0) return presentIncident(ctx, before);
    const changes = changesOf({ deletedAt: before.deletedAt }, { deletedAt: null });
    await recordAudit(tx, incidentEvent(ctx, 'UPDATE', before, changes));
    return presentIncident(ctx, await loadIncident(tx, ctx.ability, id));
  });
}
