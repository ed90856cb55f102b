// Prisma's `contains` (and a raw LIKE) passes wildcards through; a typed `%` or `_` must only
// match itself.
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
