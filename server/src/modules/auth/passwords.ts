import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 defaults to argon2id with OWASP's memory and time costs.
export const hashPassword = (password: string) => hash(password);

// A hash of nothing in particular, verified when the account does not exist so that a wrong
// email takes as long as a wrong password.
const decoy = hash('vigil-decoy-password');

export async function checkPassword(passwordHash: string | undefined, password: string) {
  if (!passwordHash) {
    await verify(await decoy, password);
    return false;
  }
  return verify(passwordHash, password);
}
