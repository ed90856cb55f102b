import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../../http/app-error.ts';

const windowSeconds = 15 * 60;
const failuresPerAccount = 5;
const attemptsPerAddress = 30;

// Failed sign-ins per account and attempts per address, counted in PostgreSQL so that every
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
    points: attemptsPerAddress,
  });

  const limited = (res: RateLimiterRes) =>
    new AppError('RATE_LIMITED', 'Too many sign-in attempts; try again later', {
      retryAfterSeconds: Math.ceil(res.msBeforeNext / 1000),
    });

  return {
    // counts the attempt against the address; refuses when either limit is spent
    async attempt(account: string, address: string) {
      const spent = await perAccount.get(account);
      if (spent && spent.consumedPoints >= failuresPerAccount) throw limited(spent);
      try {
        await perAddress.consume(address);
      } catch (error) {
        if (error instanceof RateLimiterRes) throw limited(error);
        throw error;
      }
    },
    async failed(account: string) {
      await perAccount.penalty(account, 1);
    },
    async succeeded(account: string) {
      await perAccount.delete(account);
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
