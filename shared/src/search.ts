// Folds text for search on both sides of the comparison: lower case, Latin diacritics off
// (Vietnamese included), and every other script left intact so that Khmer, Burmese or Thai
// vowel signs still distinguish words.
const latinDiacritics = /[\u0300-\u036f]/g;

export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(latinDiacritics, '')
    .normalize('NFC')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

// The words of a query as searchText holds them, so that plain substrings of it match
// whatever the case and accents.
export function searchWordsOf(text: string): string[] {
  return foldForSearch(text).split(' ').filter(Boolean);
}

export function searchTextOf(parts: ReadonlyArray<string | null | undefined>): string {
  return foldForSearch(parts.filter(Boolean).join(' \u2022 '));
}
