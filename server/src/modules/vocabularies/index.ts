export { assertKnownCodes, codeKey, type CodeUse } from './vocabularies.service.ts';
export { ensureVocabularies } from './vocabularies.seed.ts';
