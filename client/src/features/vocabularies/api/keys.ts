// The vocabularies are read through lib/lookups.ts (['vocabularies', 'all']), which every
// feature shares; a write here invalidates the whole root so that labels refresh everywhere.
export const vocabularyKeys = {
  all: ['vocabularies'] as const,
};
