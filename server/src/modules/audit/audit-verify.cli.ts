// npm run audit:verify [-- --batch N]
// Checks the audit log's hash chain in the configured database (DATABASE_URL, or the embedded
// one) and names the first broken event; exit code 0 when intact, 1 when broken, 2 when it could
// not check.
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.ts';
import { connectConfiguredDatabase, openFailureMessage } from '../../db/connect.ts';
import { describeReport, verifyAuditChain } from './audit-chain.ts';

async function main() {
  const { values } = parseArgs({ options: { batch: { type: 'string', default: '1000' } } });
  const batch = Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1) throw new Error('--batch must be a whole number');
  const database = await connectConfiguredDatabase(
    loadConfig(),
    (message) => console.error(message),
    undefined,
    { shareRunning: true },
  );
  const client = await database.pool.connect();
  try {
    const report = await verifyAuditChain(client, batch);
    console.log(describeReport(report));
    process.exitCode = report.intact ? 0 : 1;
  } finally {
    client.release();
    await database.close();
  }
}

try {
  await main();
} catch (error) {
  console.error(`Could not check the audit chain: ${openFailureMessage(error)}`);
  process.exitCode = 2;
}
