// A label made into a code, as a suggestion while the admin types: "Denial of bail" gives
// DENIAL_OF_BAIL. Accents are dropped; anything else that is not a letter or digit separates
// words. The server's schema has the last word on what a code may be.
export function codeFromLabel(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^[_0-9]+|_+$/g, '')
    .slice(0, 64)
    .replace(/_+$/, '');
}

// A group's code in words for the table ("EXPRESSION_ASSEMBLY" reads "Expression assembly").
export function groupName(code: string): string {
  const text = code.toLowerCase().replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
