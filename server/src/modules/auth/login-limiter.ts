import type pg from 'pg';
import { RateLimiterPostgres, type RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../../http/app-error.ts';

const windowSeconds = 15 * 60;
const failuresPerAccount = 5;
const failuresPerAddress = 30;

// Failed sign-ins per account and per address, counted in PostgreSQL so that every
// API process behind a load balancer shares them.
export function createLoginLimiter(pool: pg.Pool) {
  const common = {
    storeClient: pool,
    storeType: 'pool',
    tableName: 'rate_limits',
    tableCreated: true,
    clearExpiredByTimeout: false,
    duration: windowSeconds,
  };
  const perAccount = new RateLimiterPostgres({
    ...common,
    keyPrefix: 'login-account',
    points: failuresPerAccount,
  });
  const perAddress = new RateLimiterPostgres({
    ...common,
    keyPrefix: 'login-address',
    points: failuresPerAddress,
  });

  const limited = (res: RateLimiterRes) =>
    new AppError('RATE_LIMITED', 'Too many sign-in attempts; try again later', {
      retryAfterSeconds: Math.ceil(res.msBeforeNext / 1000),
    });

  return {
    // refuses while the account or the address has spent its failures
    async attempt(account: string, address: string) {
      const [byAccount, byAddress] = await Promise.all([
        perAccount.get(account),
        perAddress.get(address),
      ]);
      if (byAccount && byAccount.consumedPoints >= failuresPerAccount) throw limited(byAccount);
      if (byAddress && byAddress.consumedPoints >= failuresPerAddress) throw limited(byAddress);
    },
    async failed(account: string, address: string) {
      await Promise.all([perAccount.penalty(account, 1), perAddress.penalty(address, 1)]);
    },
    async succeeded(account: string) {
      await perAccount.delete(account);
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
