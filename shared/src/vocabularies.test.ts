import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seedVocabularies, vocabularyNames } from './vocabularies.ts';

// The project's VOCABULARIES.md (beside the repository, as in CI) is the source the seed lists
// were transcribed from: every code there must be seeded, in its group, and nothing else.
const document = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/VOCABULARIES.md',
);

function codesBySection(markdown: string): Map<string, { code: string; parent?: string }[]> {
  const sections = new Map<string, { code: string; parent?: string }[]>();
  for (const block of markdown.split(/^## /m).slice(1)) {
    const name = block.split(/\s/)[0]!;
    // the list is the section's first paragraph; prose may follow it
    const body = block
      .slice(block.indexOf('\n'))
      .trim()
      .split(/\n\s*\n/)[0]!;
    const terms: { code: string; parent?: string }[] = [];
    for (const line of body.replace(/\n\s+/g, ' ').split('\n')) {
      const grouped = /^- ([A-Z_]+):(.*)$/.exec(line);
      const text = grouped ? grouped[2]! : line.replace(/^- /, '');
      for (const code of text.replace(/\([^)]*\)/g, '').match(/\b[A-Z][A-Z_]{2,}\b/g) ?? []) {
        terms.push(grouped ? { code, parent: grouped[1]! } : { code });
      }
    }
    sections.set(name, terms);
  }
  return sections;
}

const present = fs.existsSync(document);

// vitest collects a skipped block too, so the file is read only when it is there
describe.runIf(present)('the seed vocabularies', () => {
  const sections = present ? codesBySection(fs.readFileSync(document, 'utf8')) : new Map();

  for (const name of vocabularyNames) {
    it(`when ${name} is compared with VOCABULARIES.md, then the codes and groups are the same`, () => {
      const expected = sections.get(name);
      expect(expected, `no section ${name} in VOCABULARIES.md`).toBeDefined();
      const seeded = seedVocabularies[name].map(({ code, parent }) =>
        parent ? { code, parent } : { code },
      );
      expect(seeded).toEqual(expected);
    });
  }
});
