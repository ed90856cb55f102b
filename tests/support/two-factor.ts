import { generate } from 'otplib';
import type { Client } from './http.ts';

// The code an authenticator app shows for `secret` at `ms` (milliseconds since the epoch).
export const codeAt = (secret: string, ms: number) =>
  generate({ secret, epoch: Math.floor(ms / 1000) });

// Two-factor sign-in set up for a signed-in client through the API, with its first code taken
// at `now` (the time the app checks codes against): the secret and the recovery codes.
export async function enrol(client: Client, password: string, now = Date.now()) {
  const setup = await client.request('POST', '/api/auth/two-factor/setup', { password });
  if (setup.status !== 200) throw new Error(`set-up failed: ${setup.status} ${await setup.text()}`);
  const { secret } = (await setup.json()) as { secret: string };
  const enabled = await client.request('POST', '/api/auth/two-factor/enable', {
    code: await codeAt(secret, now),
  });
  if (enabled.status !== 200)
    throw new Error(`enabling failed: ${enabled.status} ${await enabled.text()}`);
  const { recoveryCodes } = (await enabled.json()) as { recoveryCodes: string[] };
  return { secret, recoveryCodes };
}
