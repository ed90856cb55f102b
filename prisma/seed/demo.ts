import type { Logger } from 'pino';
import type { Db } from '../../server/src/db/prisma.ts';
import { hashPassword } from '../../server/src/modules/auth/passwords.ts';
import { buildDemoData } from './demo-data.ts';
import { demoPassword } from './demo-accounts.ts';

// Clearly fictional demo data for an empty database (no users): the demo accounts, defenders,
// incidents with their acts, charges, sources and history, and advocacy actions, all in one
// transaction. Never called when NODE_ENV=production.
export async function seedDemo(db: Db, logger: Pick<Logger, 'info'>): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  const started = performance.now();
  // argon2 runs on libuv's thread pool, in parallel with building the data
  const hashing = hashPassword(demoPassword);
  const data = buildDemoData();
  const passwordHash = await hashing;
  await db.$transaction([
    db.user.createMany({ data: data.users.map((user) => ({ ...user, passwordHash })) }),
    db.defender.createMany({ data: data.defenders }),
    db.incident.createMany({ data: data.incidents }),
    db.incidentAct.createMany({ data: data.acts }),
    db.incidentCharge.createMany({ data: data.charges }),
    db.incidentSource.createMany({ data: data.sources }),
    db.incidentTransition.createMany({ data: data.transitions }),
    // so that incidents created later continue each country's and year's numbering
    db.incidentReferenceCounter.createMany({ data: data.counters }),
    db.advocacyAction.createMany({ data: data.advocacyActions }),
    db.advocacyIncident.createMany({ data: data.advocacyIncidents }),
    db.advocacyDefender.createMany({ data: data.advocacyDefenders }),
  ]);
  logger.info(
    `seeded demo data in ${Math.round(performance.now() - started)} ms: ${data.users.length} accounts, ` +
      `${data.defenders.length} defenders, ${data.incidents.length} incidents, ` +
      `${data.advocacyActions.length} advocacy actions (all fictional)`,
  );
  return true;
}
