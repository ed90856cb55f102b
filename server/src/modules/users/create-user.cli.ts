// npm run user:create -- --email EMAIL --role ROLE [--name "NAME"] [--countries KH,TH]
// Creates an account in the configured database (DATABASE_URL, or the embedded one), for the
// first admin of a production install. The password is asked twice without echo; when stdin
// is not a terminal, its first line is the password, so that the command can be scripted.
import readline from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { roles } from '@vigil/shared/enums';
import { z } from 'zod';
import { loadConfig } from '../../config.ts';
import { connectConfiguredDatabase, openFailureMessage } from '../../db/connect.ts';
import { AppError } from '../../http/app-error.ts';
import { createUserInput } from '@vigil/shared/schemas/users';
import { createUserAccount } from './create-user.ts';

const usage = `Usage: npm run user:create -- --email EMAIL --role ${roles.join('|')} [--name "NAME"] [--countries KH,TH]
  --countries  the countries the user works on, comma-separated (none: all countries)`;

class UsageError extends Error {}

async function firstLineOfStdin(): Promise<string> {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  try {
    for await (const line of lines) return line;
  } finally {
    lines.close();
    process.stdin.destroy();
  }
  throw new UsageError('No password on standard input');
}

async function askPasswordTwice(): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, encoding, done) {
      if (!muted) process.stdout.write(chunk, encoding);
      done();
    },
  });
  const prompt = readline.createInterface({ input: process.stdin, output, terminal: true });
  prompt.on('SIGINT', () => {
    prompt.close();
    process.stdout.write('\n');
    process.exit(130);
  });
  // an iterator rather than question(), so that lines typed ahead are not lost
  const lines = prompt[Symbol.asyncIterator]();
  const ask = async (question: string) => {
    process.stdout.write(question);
    muted = true;
    try {
      const { value, done } = await lines.next();
      if (done) throw new UsageError('No password given');
      return value;
    } finally {
      muted = false;
      process.stdout.write('\n');
    }
  };
  try {
    const password = await ask('Password: ');
    if ((await ask('Repeat the password: ')) !== password) {
      throw new UsageError('The passwords do not match');
    }
    return password;
  } finally {
    prompt.close();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      countries: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(usage);
  const config = loadConfig();
  const account = {
    email: values.email,
    role: values.role?.toUpperCase(),
    name: values.name,
    countries: values.countries?.split(',').flatMap((code) => code.trim().toUpperCase() || []),
  };
  // wrong arguments fail before anyone types a password
  createUserInput.omit({ password: true }).parse(account);
  const password = process.stdin.isTTY ? await askPasswordTwice() : await firstLineOfStdin();
  const input = createUserInput.parse({ ...account, password });

  const database = await connectConfiguredDatabase(
    config,
    (message) => console.error(message),
    undefined,
    { shareRunning: true },
  );
  try {
    const user = await createUserAccount(database.db, input, {
      production: config.NODE_ENV === 'production',
    });
    const where = user.countries.length ? user.countries.join(', ') : 'all countries';
    console.log(`Created ${user.role} ${user.email} (${user.name}; ${where}), id ${user.id}`);
  } finally {
    await database.close();
  }
}

try {
  await main();
} catch (error) {
  process.exitCode = 1;
  if (error instanceof z.ZodError) {
    console.error(`${z.prettifyError(error)}\n${usage}`);
    process.exitCode = 2;
  } else if (error instanceof UsageError || error instanceof AppError) {
    console.error(error.message);
  } else if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exitCode = 2;
  } else {
    console.error(`Could not create the user: ${openFailureMessage(error)}`);
  }
}
