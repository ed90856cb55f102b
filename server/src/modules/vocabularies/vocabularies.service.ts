import type { VocabularyName } from '@vigil/shared/vocabularies';
import type { Db, Tx } from '../../db/prisma.ts';
import { AppError } from '../../http/app-error.ts';

export interface CodeUse {
  vocabulary: VocabularyName;
  code: string;
  // where the code sits in the request, for the error details: `body.acts.0.violation`
  path: string;
}

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
  const known = new Map(terms.map((term) => [`${term.vocabulary}:${term.code}`, term]));
  const problems = uses.flatMap((use) => {
    const key = `${use.vocabulary}:${use.code}`;
    const term = known.get(key);
    if (!term) {
      return [{ path: use.path, code: 'unknown_code', message: `Unknown ${use.vocabulary} code` }];
    }
    if (term.retiredAt && !kept.has(key)) {
      return [{ path: use.path, code: 'retired_code', message: `Retired ${use.vocabulary} code` }];
    }
    return [];
  });
  if (problems.length > 0) throw new AppError('VALIDATION', 'The request is not valid', problems);
}

export const codeKey = (vocabulary: VocabularyName, code: string) => `${vocabulary}:${code}`;
