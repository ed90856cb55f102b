import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';

// argon2id at OWASP's minimum (Password Storage Cheat Sheet: 19 MiB, 2 passes, 1 lane), set
// here rather than left to the library's defaults, which have been lower. Algorithm is a const
// enum that isolated modules cannot read: 2 is its Argon2id.
const argon2id = 2 satisfies Algorithm;
export const passwordHashOptions = {
  algorithm: argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const satisfies Options;

export const hashPassword = (password: string) => hash(password, passwordHashOptions);

// A stored hash made with weaker parameters than today's (an older default, a lower memory
// cost) is replaced at the next sign-in, while the password is at hand.
export function hashNeedsUpgrade(passwordHash: string): boolean {
  const used = parseOptions(passwordHash);
  return (
    used.algorithm !== passwordHashOptions.algorithm ||
    used.memoryCost < passwordHashOptions.memoryCost ||
    used.timeCost < passwordHashOptions.timeCost ||
    used.parallelism < passwordHashOptions.parallelism
  );
}

// A hash of nothing in particular, verified when the account does not exist so that a wrong
// email takes as long as a wrong password.
const decoy = hashPassword('vigil-decoy-password');

export async function checkPassword(passwordHash: string | undefined, password: string) {
  if (!passwordHash) {
    await verify(await decoy, password);
    return false;
  }
  return verify(passwordHash, password);
}
