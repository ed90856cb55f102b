import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../tests/support/database.ts';
import { projectRoot } from './config.ts';

// The real entry point as a process: start-up on a given database, then SIGTERM.
describe('the server process', () => {
  it('when it gets SIGTERM, then it finishes, closes the database and exits 0', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(projectRoot, 'server/src/server.ts')],
      {
        env: {
          ...process.env,
          DATABASE_URL: await createTestDatabase(),
          NODE_ENV: 'production',
          VIGIL_DATA_KEY: randomBytes(32).toString('base64'),
          PORT: '0',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let log = '';
    const port = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        const match = /listening on http:\/\/localhost:(\d+)/.exec(log);
        if (match) resolve(match[1]!);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${log}`)));
    });
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', db: 'ok' });
    // production: no demo data, and the demo accounts are never mentioned
    expect(log).not.toContain('vigil-demo-pass');

    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(log).toContain('"msg":"stopped"');
  }, 60_000);
});
