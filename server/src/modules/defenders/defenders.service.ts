import { randomUUID } from 'node:crypto';
import { ForbiddenError } from '@casl/ability';
import { accessibleBy } from '@vigil/shared/auth/casl-prisma';
import { defenderSensitiveFields } from '@vigil/shared/auth/fields';
import type { IncludeQuery } from '@vigil/shared/schemas/common';
import type {
  CreateDefenderInput,
  DefenderListQuery,
  DefenderOutput,
  DefenderSummary,
  SimilarDefenders,
  SimilarDefendersQuery,
  UpdateDefenderInput,
} from '@vigil/shared/schemas/defenders';
import { searchTextOf, searchWordsOf } from '@vigil/shared/search';
import { escapeLike } from '../../db/escape-like.ts';
import { Prisma } from '../../../../prisma/generated/client.ts';
import type { Tx } from '../../db/prisma.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import { conflict } from '../../http/conflict.ts';
import { jsonPage } from '../../db/json-page.ts';
import { parseSort } from '../../http/pagination.ts';
import { present, presentJsonPage } from '../../http/present.ts';
import type { Ctx } from '../../http/request-context.ts';
import { asSubject } from '../../http/subject.ts';
import { openFields, sealFields, type FieldCipher } from '../../security/field-cipher.ts';
import { auditorOf, changesOf, recordAudit, recordAudits } from '../audit/index.ts';
import { assertKnownCodes, codeKey } from '../vocabularies/index.ts';
import {
  auditedFieldsOf,
  defenderListColumns,
  defenderSelect,
  defenderSummarySelect,
  toDefenderOutput,
  toDefenderSummary,
  type DefenderRow,
} from './defenders.select.ts';
import { readableDefenders } from './defenders.readable.ts';

const entity = 'Defender';
const audit = auditorOf(entity);

function filtersOf(query: DefenderListQuery): Prisma.DefenderWhereInput[] {
  const words = query.q ? searchWordsOf(query.q) : [];
  return [
    ...words.map((word) => ({ searchText: { contains: escapeLike(word) } })),
    ...(query.id ? [{ id: { in: query.id } }] : []),
    ...(query.country ? [{ country: { in: query.country } }] : []),
    ...(query.sector ? [{ sectors: { hasSome: query.sector } }] : []),
    ...(query.riskLevel ? [{ riskLevel: { in: query.riskLevel } }] : []),
  ];
}

// Sensitive values are sealed at rest, each bound to its record (security/field-cipher.ts).
type WithSensitive = Partial<Pick<DefenderRow, (typeof defenderSensitiveFields)[number]>>;
const sealedFields = <T extends WithSensitive>(cipher: FieldCipher, id: string, record: T) =>
  sealFields(cipher, entity, id, record, defenderSensitiveFields);
const openedFields = <T extends WithSensitive>(cipher: FieldCipher, id: string, record: T) =>
  openFields(cipher, entity, id, record, defenderSensitiveFields);

// Drops what the caller may not see, and sensitive values unless asked for, by giving the
// cipher that opens them; every record that still shows one leaves a READ_SENSITIVE trace, in
// one insert however many records.
async function presentAll<T extends { id: string; country: string }>(
  ctx: Ctx,
  records: T[],
  { openWith }: { openWith?: FieldCipher } = {},
): Promise<T[]> {
  const sensitive = openWith !== undefined;
  const presented = records.map((record) => present(ctx.ability, entity, record, { sensitive }));
  const shown = records.filter((_record, index) => presented[index]!.sensitiveShown);
  await recordAudits(
    ctx.db,
    shown.map((record) => audit(ctx, 'READ_SENSITIVE', record)),
  );
  // present() only removes fields the output schema marks optional
  return presented.map(
    ({ data }) => (openWith ? openedFields(openWith, data.id!, data as WithSensitive) : data) as T,
  );
}

async function presentOne(
  ctx: Ctx,
  row: DefenderRow,
  options?: { openWith?: FieldCipher },
): Promise<DefenderOutput> {
  const [data] = await presentAll(ctx, [toDefenderOutput(row)], options);
  return data!;
}

async function findReadable(ctx: Ctx, id: string): Promise<DefenderRow> {
  const row = await ctx.db.defender.findFirst({
    where: readableDefenders(ctx.ability, { id }),
    select: defenderSelect,
  });
  if (!row) throw notFound(entity);
  return row;
}

// Sectors already on the record stay acceptable after their term is retired.
async function assertSectors(tx: Tx, sectors: string[], kept: string[] = []) {
  await assertKnownCodes(
    tx,
    sectors.map((code, index) => ({ vocabulary: 'sectors', code, path: `body.sectors.${index}` })),
    new Set(kept.map((code) => codeKey('sectors', code))),
  );
}

export async function listDefenders(ctx: Ctx, query: DefenderListQuery) {
  const page = await jsonPage<DefenderOutput>({
    pool: ctx.pool,
    model: 'Defender',
    columns: defenderListColumns,
    where: readableDefenders(ctx.ability, ...filtersOf(query)),
    sort: parseSort(query.sort),
    limit: query.limit,
    cursor: query.cursor,
  });
  return presentJsonPage(ctx.ability, 'Defender', page);
}

// Sensitive values only with `include=sensitive`, opened with `cipher`; answers to writes
// never carry them (the caller has what it sent) and so write no READ_SENSITIVE.
export async function getDefender(
  ctx: Ctx,
  id: string,
  { include }: IncludeQuery = {},
  cipher?: FieldCipher,
): Promise<DefenderOutput> {
  const openWith = include === 'sensitive' ? cipher : undefined;
  return presentOne(ctx, await findReadable(ctx, id), openWith ? { openWith } : {});
}

export async function createDefender(
  ctx: Ctx,
  input: CreateDefenderInput,
  cipher: FieldCipher,
): Promise<DefenderOutput> {
  // made here, not by the database, because the sealed values are bound to it
  const id = randomUUID();
  const data = { ...input, createdById: ctx.user.id };
  ForbiddenError.from(ctx.ability).throwUnlessCan('create', asSubject(entity, data));
  const created = await ctx.db.$transaction(async (tx) => {
    await assertSectors(tx, input.sectors);
    const row = await tx.defender.create({
      data: {
        ...sealedFields(cipher, id, data),
        id,
        searchText: searchTextOf([input.displayName, ...input.aliases]),
      },
      select: defenderSelect,
    });
    const changes = changesOf(null, auditedFieldsOf(row), defenderSensitiveFields);
    await recordAudit(tx, audit(ctx, 'CREATE', row, changes));
    return row;
  });
  return presentOne(ctx, created);
}

export async function updateDefender(
  ctx: Ctx,
  id: string,
  { version, ...changes }: UpdateDefenderInput,
  cipher: FieldCipher,
): Promise<DefenderOutput> {
  const before = await findReadable(ctx, id);
  const rules = ForbiddenError.from(ctx.ability);
  rules.throwUnlessCan('update', asSubject(entity, before));
  // the after-state too, so that nobody moves a record out of their reach
  rules.throwUnlessCan('update', asSubject(entity, { ...before, ...changes }));
  if (before.version !== version) throw conflict(await presentOne(ctx, before));

  const named = changes.displayName !== undefined || changes.aliases !== undefined;
  const searchText = named
    ? searchTextOf([
        changes.displayName ?? before.displayName,
        ...(changes.aliases ?? before.aliases),
      ])
    : undefined;
  const updated = await ctx.db.$transaction(async (tx) => {
    if (changes.sectors) await assertSectors(tx, changes.sectors, before.sectors);
    // the version in the WHERE makes the second of two concurrent saves match nothing
    const { count } = await tx.defender.updateMany({
      where: { id, version, deletedAt: null },
      data: { ...sealedFields(cipher, id, changes), searchText, version: { increment: 1 } },
    });
    if (count === 0) return null;
    const after = await tx.defender.findUniqueOrThrow({ where: { id }, select: defenderSelect });
    // compared opened, so that a value saved again unchanged is no change (the log masks them)
    const diff = changesOf(
      auditedFieldsOf(openedFields(cipher, id, before)),
      auditedFieldsOf(openedFields(cipher, id, after)),
      defenderSensitiveFields,
    );
    await recordAudit(tx, audit(ctx, 'UPDATE', after, diff));
    return after;
  });
  if (!updated) throw conflict(await getDefender(ctx, id));
  return presentOne(ctx, updated);
}

export async function deleteDefender(ctx: Ctx, id: string): Promise<void> {
  const before = await findReadable(ctx, id);
  ForbiddenError.from(ctx.ability).throwUnlessCan('delete', asSubject(entity, before));
  await ctx.db.$transaction(async (tx) => {
    const deletedAt = new Date();
    // only the version the permission was checked on: a record moved meanwhile is not deleted
    const { count } = await tx.defender.updateMany({
      where: { id, deletedAt: null, version: before.version },
      data: { deletedAt, version: { increment: 1 } },
    });
    if (count === 0) throw new AppError('CONFLICT', 'The defender changed meanwhile; try again');
    const changes = changesOf({ deletedAt: null }, { deletedAt });
    await recordAudit(tx, audit(ctx, 'DELETE', before, changes));
  });
}

// Only admins (`manage`) see deleted defenders, so to everyone else they stay 404.
export async function restoreDefender(ctx: Ctx, id: string): Promise<DefenderOutput> {
  const row = await ctx.db.defender.findFirst({
    where: { AND: [accessibleBy(ctx.ability, 'read').ofType(entity), { id }] },
    select: { ...defenderSelect, deletedAt: true },
  });
  if (!row) throw notFound(entity);
  const { deletedAt, ...record } = row;
  if (deletedAt && ctx.ability.cannot('manage', asSubject(entity, record))) throw notFound(entity);
  ForbiddenError.from(ctx.ability).throwUnlessCan('manage', asSubject(entity, record));
  if (!deletedAt) return presentOne(ctx, record);

  const restored = await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.defender.updateMany({
      where: { id, deletedAt: { not: null } },
      data: { deletedAt: null, version: { increment: 1 } },
    });
    const after = await tx.defender.findUniqueOrThrow({ where: { id }, select: defenderSelect });
    if (count > 0) {
      const changes = changesOf({ deletedAt }, { deletedAt: null });
      await recordAudit(tx, audit(ctx, 'UPDATE', after, changes));
    }
    return after;
  });
  return presentOne(ctx, restored);
}

// Candidates come from the trigram index over every defender, best first, a page at a time;
// only then does the caller's ability filter them, and pages follow until enough readable ones
// are found, so that neither the scores nor the defenders the caller may not read, however many
// and however alike, change what the caller is shown.
const similarityThreshold = 0.3;
const candidateLimit = 100;
const candidatePageLimit = 1600;
const similarLimit = 10;

interface Candidate {
  id: string;
  similarity: number;
}

async function similarCandidates(
  ctx: Ctx,
  query: SimilarDefendersQuery,
  { offset, size }: { offset: number; size: number },
): Promise<Candidate[]> {
  const words = searchWordsOf(query.name);
  const name = words.join(' ');
  const inCountry = query.country ? Prisma.sql`AND "country" = ${query.country}` : Prisma.empty;
  // pg_trgm makes trigrams of ASCII letters and digits only (the database's ctype is C), so a
  // name in Khmer, Burmese or Thai script would score 0: there, every word occurring is a
  // match. Latin names are folded to ASCII and left to the trigrams.
  const everyWord = /[^ -~]/.test(name)
    ? Prisma.join(
        words.map((word) => Prisma.sql`"searchText" LIKE ${`%${escapeLike(word)}%`}`),
        ' AND ',
      )
    : Prisma.sql`FALSE`;
  // `<%` is word_similarity above the threshold; the GIN trigram index serves it and the LIKEs
  const [, candidates] = await ctx.db.$transaction([
    ctx.db
      .$queryRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(similarityThreshold)}, true)`,
    ctx.db.$queryRaw<Candidate[]>`
      SELECT "id",
        GREATEST(word_similarity(${name}, "searchText"), CASE WHEN ${everyWord} THEN 1 ELSE 0 END)
          ::float8 AS "similarity"
      FROM "Defender"
      WHERE (${name} <% "searchText" OR (${everyWord})) AND "deletedAt" IS NULL ${inCountry}
      ORDER BY "similarity" DESC, "id"
      LIMIT ${size} OFFSET ${offset}`,
  ]);
  return candidates;
}

export async function findSimilarDefenders(
  ctx: Ctx,
  query: SimilarDefendersQuery,
): Promise<SimilarDefenders> {
  // by id: a defender recorded meanwhile may shift one into the next page too
  const found = new Map<string, DefenderSummary & { similarity: number }>();
  const page = { offset: 0, size: candidateLimit };
  while (found.size < similarLimit) {
    const candidates = await similarCandidates(ctx, query, page);
    const scores = new Map(candidates.map((candidate) => [candidate.id, candidate.similarity]));
    const rows = await ctx.db.defender.findMany({
      where: readableDefenders(ctx.ability, { id: { in: [...scores.keys()] } }),
      select: defenderSummarySelect,
    });
    for (const row of rows) {
      found.set(row.id, { ...toDefenderSummary(row), similarity: scores.get(row.id)! });
    }
    if (candidates.length < page.size) break;
    page.offset += page.size;
    // the caller reads few of the candidates: growing pages keep the rounds few
    page.size = Math.min(page.size * 2, candidatePageLimit);
  }
  const best = [...found.values()]
    .sort((a, b) => b.similarity - a.similarity || a.id.localeCompare(b.id))
    .slice(0, similarLimit);
  return { items: await presentAll(ctx, best) };
}
