import type { Logger } from 'pino';
import type { Db } from '../../server/src/db/prisma.ts';
import { hashPassword } from '../../server/src/modules/auth/passwords.ts';
import { demoAccounts, demoPassword } from './demo-accounts.ts';

// Clearly fictional demo data for an empty database. Never called when NODE_ENV=production.
export async function seedDemo(db: Db, logger: Logger): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  const passwordHash = await hashPassword(demoPassword);
  await db.user.createMany({
    data: demoAccounts.map((account) => ({ ...account, passwordHash })),
  });
  logger.info('seeded demo accounts');
  return true;
}
