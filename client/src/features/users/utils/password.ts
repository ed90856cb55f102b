// Letters and digits that cannot be mistaken for each other when read aloud or copied by hand
// (no 0/O, 1/l/I).
export const passwordAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
const groups = 4;
const groupLength = 5;

// A one-time password made in the browser: 20 characters drawn uniformly from 56 (about 116
// bits), in groups of five so that it can be read out or typed without losing one's place.
export function generatePassword(
  random: (bytes: Uint8Array) => void = (bytes) => {
    crypto.getRandomValues(bytes);
  },
): string {
  const size = passwordAlphabet.length;
  // bytes at or above the largest multiple of the alphabet's size would favour its start
  const limit = 256 - (256 % size);
  const chars: string[] = [];
  const buffer = new Uint8Array(64);
  while (chars.length < groups * groupLength) {
    random(buffer);
    for (const byte of buffer) {
      if (byte >= limit) continue;
      chars.push(passwordAlphabet[byte % size]!);
      if (chars.length === groups * groupLength) break;
    }
  }
  return Array.from({ length: groups }, (_, index) =>
    chars.slice(index * groupLength, (index + 1) * groupLength).join(''),
  ).join('-');
}
