import type { VocabularyTermOutput } from '@vigil/shared/schemas/vocabularies';
import { i18n } from '../../../../lib/i18n.ts';

export interface TermItem {
  value: string;
  label: string;
  description?: string | undefined;
}

export type TermData = TermItem[] | { group: string; items: TermItem[] }[];

// A group's name (the `parent` of its terms): from the catalogue, or the code in sentence
// case for a group an admin added since.
function groupLabel(vocabulary: string, parent: string) {
  const fallback = parent.charAt(0) + parent.slice(1).toLowerCase().replaceAll('_', ' ');
  return i18n.t(`form.groups.${vocabulary}.${parent}`, { ns: 'incidents', defaultValue: fallback });
}

// The terms a user may choose: living ones, and a retired one only where the record already
// holds it (so that it keeps its label). Grouped by parent when the vocabulary has groups.
export function termData(
  vocabulary: string,
  terms: readonly VocabularyTermOutput[],
  keep: readonly (string | null | undefined)[] = [],
): TermData {
  const retired = i18n.t('vocabulary.retired', { ns: 'common' });
  const items = terms
    .filter((term) => !term.retired || keep.includes(term.code))
    .map((term) => ({
      value: term.code,
      label: term.retired ? `${term.label} (${retired})` : term.label,
      description: term.description,
      parent: term.parent,
    }));
  // a kept code the vocabulary no longer lists at all still shows, as itself
  for (const code of keep) {
    if (code && !items.some((item) => item.value === code)) {
      items.push({ value: code, label: code, description: undefined, parent: undefined });
    }
  }
  if (!items.some((item) => item.parent)) {
    return items.map(({ value, label, description }) => ({ value, label, description }));
  }
  const groups = new Map<string, TermItem[]>();
  const other = i18n.t('form.groups.other', { ns: 'incidents' });
  for (const { parent, value, label, description } of items) {
    const name = parent ? groupLabel(vocabulary, parent) : other;
    groups.set(name, [...(groups.get(name) ?? []), { value, label, description }]);
  }
  return [...groups].map(([group, groupItems]) => ({ group, items: groupItems }));
}

// value → description, for showing the description of an option and of the chosen term
export function descriptionsOf(terms: readonly VocabularyTermOutput[]) {
  return new Map(terms.map((term) => [term.code, term.description]));
}
