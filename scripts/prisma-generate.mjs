// `prisma generate` fetches a schema engine it never runs; point it at any existing file so
// that it works offline (see DESIGN.md). An engine the caller provides is left alone.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
env.PRISMA_HIDE_UPDATE_MESSAGE ??= '1';
const result = spawnSync('npx', ['prisma', 'generate', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
