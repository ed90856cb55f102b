import { ForbiddenError, subject } from '@casl/ability';
import { accessibleBy } from '@vigil/shared/auth/casl-prisma';
import type {
  CreateTermInput,
  UpdateTermInput,
  VocabulariesOutput,
  VocabularyTermOutput,
} from '@vigil/shared/schemas/vocabularies';
import { vocabularyNames, type VocabularyName } from '@vigil/shared/vocabularies';
import type { Prisma } from '../../../../prisma/generated/client.ts';
import type { Db, Tx } from '../../db/prisma.ts';
import { AppError, notFound, validationError } from '../../http/app-error.ts';
import type { Ctx } from '../../http/request-context.ts';
import { auditorOf, changesOf, recordAudit } from '../audit/index.ts';

export interface CodeUse {
  vocabulary: VocabularyName;
  code: string;
  // where the code sits in the request, for the error details: `body.acts.0.violation`
  path: string;
}

export const codeKey = (vocabulary: VocabularyName, code: string) => `${vocabulary}:${code}`;

// Every code must name a term of its vocabulary. Retired terms are refused for new uses but
// accepted where the record already had them (`kept`), so old records stay editable.
export async function assertKnownCodes(
  db: Db | Tx,
  uses: CodeUse[],
  kept: ReadonlySet<string> = new Set(),
): Promise<void> {
  if (uses.length === 0) return;
  const terms = await db.vocabularyTerm.findMany({
    where: {
      vocabulary: { in: [...new Set(uses.map((use) => use.vocabulary))] },
      code: { in: [...new Set(uses.map((use) => use.code))] },
    },
    select: { vocabulary: true, code: true, retiredAt: true },
  });
  const known = new Map(
    terms.map((term) => [codeKey(term.vocabulary as VocabularyName, term.code), term]),
  );
  const problems = uses.flatMap((use) => {
    const key = codeKey(use.vocabulary, use.code);
    const term = known.get(key);
    if (!term) {
      return [{ path: use.path, code: 'unknown_code', message: `Unknown ${use.vocabulary} code` }];
    }
    if (term.retiredAt && !kept.has(key)) {
      return [{ path: use.path, code: 'retired_code', message: `Retired ${use.vocabulary} code` }];
    }
    return [];
  });
  if (problems.length > 0) throw validationError(problems);
}

const termSelect = {
  vocabulary: true,
  code: true,
  label: true,
  description: true,
  parent: true,
  position: true,
  retiredAt: true,
} satisfies Prisma.VocabularyTermSelect;

type TermRow = Prisma.VocabularyTermGetPayload<{ select: typeof termSelect }>;

function toTerm(row: TermRow): VocabularyTermOutput {
  return {
    code: row.code,
    label: row.label,
    ...(row.description === null ? {} : { description: row.description }),
    ...(row.parent === null ? {} : { parent: row.parent }),
    retired: row.retiredAt !== null,
  };
}

// The URL names the vocabulary; an unknown name is a missing record, not a bad request.
function vocabularyOf(name: string): VocabularyName {
  const found = vocabularyNames.find((known) => known === name);
  if (!found) throw notFound('Vocabulary');
  return found;
}

export async function listVocabularies(ctx: Ctx): Promise<VocabulariesOutput> {
  const rows = await ctx.db.vocabularyTerm.findMany({
    where: { AND: [accessibleBy(ctx.ability, 'read').ofType('VocabularyTerm')] },
    orderBy: [{ vocabulary: 'asc' }, { position: 'asc' }, { code: 'asc' }],
    select: termSelect,
  });
  const lists = Object.fromEntries(
    vocabularyNames.map((name) => [name, [] as VocabularyTermOutput[]]),
  ) as VocabulariesOutput;
  for (const row of rows) lists[row.vocabulary as VocabularyName]?.push(toTerm(row));
  return lists;
}

// a term is logged under its key, `violations:ARBITRARY_DETENTION`
const audit = auditorOf('VocabularyTerm');
const termRecord = (vocabulary: VocabularyName, code: string) => ({
  id: codeKey(vocabulary, code),
});

export async function addTerm(
  ctx: Ctx,
  name: string,
  input: CreateTermInput,
): Promise<VocabularyTermOutput> {
  const vocabulary = vocabularyOf(name);
  ForbiddenError.from(ctx.ability).throwUnlessCan('create', 'VocabularyTerm');
  return ctx.db.$transaction(async (tx) => {
    const existing = await tx.vocabularyTerm.findUnique({
      where: { vocabulary_code: { vocabulary, code: input.code } },
      select: { code: true },
    });
    if (existing) {
      throw new AppError('CONFLICT', `${vocabulary} already has the code ${input.code}`, [
        { path: 'body.code', code: 'duplicate_code', message: 'This code exists' },
      ]);
    }
    const last = await tx.vocabularyTerm.aggregate({
      where: { vocabulary },
      _max: { position: true },
    });
    const row = await tx.vocabularyTerm.create({
      data: {
        vocabulary,
        code: input.code,
        label: input.label,
        description: input.description ?? null,
        parent: input.parent ?? null,
        position: (last._max.position ?? -1) + 1,
      },
      select: termSelect,
    });
    const term = toTerm(row);
    await recordAudit(
      tx,
      audit(ctx, 'CREATE', termRecord(vocabulary, input.code), changesOf(null, term)),
    );
    return term;
  });
}

export async function updateTerm(
  ctx: Ctx,
  name: string,
  code: string,
  input: UpdateTermInput,
): Promise<VocabularyTermOutput> {
  const vocabulary = vocabularyOf(name);
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.vocabularyTerm.findFirst({
      where: {
        AND: [accessibleBy(ctx.ability, 'read').ofType('VocabularyTerm'), { vocabulary, code }],
      },
      select: termSelect,
    });
    if (!before) throw notFound('Term');
    ForbiddenError.from(ctx.ability).throwUnlessCan('update', subject('VocabularyTerm', before));
    const retiredAt =
      input.retired === undefined || input.retired === (before.retiredAt !== null)
        ? before.retiredAt
        : input.retired
          ? new Date()
          : null;
    const row = await tx.vocabularyTerm.update({
      where: { vocabulary_code: { vocabulary, code } },
      data: {
        ...(input.label === undefined ? {} : { label: input.label }),
        ...(input.description === undefined ? {} : { description: input.description }),
        ...(input.parent === undefined ? {} : { parent: input.parent }),
        retiredAt,
      },
      select: termSelect,
    });
    const term = toTerm(row);
    const changes = changesOf(toTerm(before), term);
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, audit(ctx, 'UPDATE', termRecord(vocabulary, code), changes));
    }
    return term;
  });
}
