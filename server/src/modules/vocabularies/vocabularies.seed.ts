import { seedVocabularies, vocabularyNames } from '@vigil/shared/vocabularies';
import type { Db } from '../../db/prisma.ts';

// Adds the seed terms a database lacks, in every environment; terms admins changed or
// retired are left as they are.
export async function ensureVocabularies(db: Db): Promise<number> {
  const data = vocabularyNames.flatMap((vocabulary) =>
    seedVocabularies[vocabulary].map((term, position) => ({
      vocabulary,
      code: term.code,
      label: term.label,
      description: term.description ?? null,
      parent: term.parent ?? null,
      position,
    })),
  );
  const { count } = await db.vocabularyTerm.createMany({ data, skipDuplicates: true });
  return count;
}
