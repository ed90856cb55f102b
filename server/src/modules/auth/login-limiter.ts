import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

const windowSeconds = 15 * 60;
// guesses at one account from one address: then that address waits out the window for it
const failuresPerAccountAndAddress = 5;
// guesses from one address at any accounts (password spraying)
const failuresPerAddress = 30;
// guesses at one account from anywhere: past these, every further attempt is delayed, the more
// the more there were. Never a lock: whoever can make requests could otherwise lock anyone out.
// A guesser spread over many addresses is slowed, not stopped: a second factor is what stops it.
const failuresBeforeDelay = 10;
const delayStepMs = 500;
const longestDelayMs = 5000;
// the account counter slows attempts down but never refuses them
const unlimited = 2 ** 31 - 1;
// wrong second factors for one account (after its right password) from browsers it has never
// completed a sign-in on, wherever they come from: then such browsers are refused for the rest of
// the window. The owner's own browser (trusted-devices.ts) is not counted, so cannot be locked out.
const codeGuessesPerAccount = 10;

export type LoginLimit = 'address' | 'account-and-address' | 'account-second-factor';

export interface LoginRefusal {
  limit: LoginLimit;
  retryAfterSeconds: number;
  // the first refusal of the window: the one to record, so that a burst leaves one trace
  firstOfBurst: boolean;
}

// Rate-limiter keys hold a digest of the email, never the email itself (and stay within the
// table's 255 characters whatever was typed).
const digest = (account: string) => createHash('sha256').update(account).digest('hex');

// Every attempt is counted before the password is checked, in one atomic upsert per counter in
// PostgreSQL (shared by every API process), so that parallel attempts cannot all pass a check
// made before any of them had been counted. A successful sign-in gives its attempt back.
export function createLoginLimiter(pool: pg.Pool) {
  const counter = (keyPrefix: string, points: number) =>
    new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      clearExpiredByTimeout: false,
      duration: windowSeconds,
      keyPrefix,
      points,
    });
  const perAccountAndAddress = counter('login-pair', failuresPerAccountAndAddress);
  const perAddress = counter('login-address', failuresPerAddress);
  const perAccount = counter('login-account', unlimited);
  const perAccountCodes = counter('login-code-account', codeGuessesPerAccount);

  // the counter after this attempt, whether the attempt was within its limit or not
  const spend = (limiter: RateLimiterPostgres, key: string) =>
    limiter.consume(key).catch((rejection: unknown) => {
      if (rejection instanceof RateLimiterRes) return rejection;
      throw rejection;
    });
  const refusal = (limit: LoginLimit, points: number, spent: RateLimiterRes): LoginRefusal => ({
    limit,
    retryAfterSeconds: Math.ceil(spent.msBeforeNext / 1000),
    firstOfBurst: spent.consumedPoints === points + 1,
  });

  return {
    // Spends one attempt for the account from the address; a refused attempt checks nothing.
    // A granted one is given back with `succeeded` once the sign-in is complete.
    async attempt(email: string, address: string) {
      const account = digest(email);
      const pair = `${account}:${address}`;
      const [byPair, byAddress] = await Promise.all([
        spend(perAccountAndAddress, pair),
        spend(perAddress, address),
      ]);
      const refused =
        byAddress.consumedPoints > failuresPerAddress
          ? refusal('address', failuresPerAddress, byAddress)
          : byPair.consumedPoints > failuresPerAccountAndAddress
            ? refusal('account-and-address', failuresPerAccountAndAddress, byPair)
            : undefined;
      if (refused) return { refused };

      const byAccount = await spend(perAccount, account);
      const excess = byAccount.consumedPoints - failuresBeforeDelay;
      if (excess > 0) await sleep(Math.min(excess * delayStepMs, longestDelayMs));
      let codeCounted = false;
      return {
        refused: undefined,
        // Before a second factor is checked: from a browser the account has not signed in on,
        // the guess is counted for the account wherever it comes from, and refused past the limit.
        checkingSecondFactor: async (trustedDevice: boolean): Promise<LoginRefusal | undefined> => {
          if (trustedDevice) return undefined;
          codeCounted = true;
          const byCodes = await spend(perAccountCodes, account);
          return byCodes.consumedPoints > codeGuessesPerAccount
            ? refusal('account-second-factor', codeGuessesPerAccount, byCodes)
            : undefined;
        },
        succeeded: async () => {
          await Promise.all([
            perAccountAndAddress.delete(pair),
            perAddress.reward(address, 1),
            perAccount.reward(account, 1),
            codeCounted ? perAccountCodes.reward(account, 1) : undefined,
          ]);
        },
        // This attempt alone is not counted, earlier failures still are: the password was right
        // and the second factor is yet to come, so a guesser learnt nothing they did not know.
        refunded: async () => {
          await Promise.all([
            perAccountAndAddress.reward(pair, 1),
            perAddress.reward(address, 1),
            perAccount.reward(account, 1),
          ]);
        },
      };
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
