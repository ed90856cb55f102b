// What of a PostgreSQL error may reach the app log. The values that failed (a defender's name in
// a duplicate key, a statement's text and parameters) live in its DETAIL, its STATEMENT and,
// within the message itself, after a colon ("invalid input syntax for type uuid: "…""); so the
// log keeps the SQLSTATE code, the severity and the message up to its first colon, never more.

export interface DatabaseErrorSummary {
  // SQLSTATE ("23505") or, for Prisma's own errors, its code ("P2002")
  code?: string;
  severity?: string;
  message: string;
}

export function withoutValues(message: string): string {
  const colon = message.indexOf(': ');
  return (colon === -1 ? message : message.slice(0, colon)).trim();
}

interface DriverError {
  code?: unknown;
  severity?: unknown;
  message?: unknown;
  // Prisma's driver adapters keep the PostgreSQL error here
  meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; originalMessage?: unknown } } };
  clientVersion?: unknown;
}

const sqlState = /^[0-9A-Z]{5}$/;
const prismaCode = /^P\d{4}$/;

// node-postgres errors (SQLSTATE code and severity) and Prisma's (code P…, the driver's error
// in meta); undefined for anything else.
export function summarizeDatabaseError(error: unknown): DatabaseErrorSummary | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, severity, meta, clientVersion } = error as DriverError;
  const cause = meta?.driverAdapterError?.cause;
  if (cause && typeof cause.originalMessage === 'string') {
    return {
      ...(typeof cause.originalCode === 'string' ? { code: cause.originalCode } : {}),
      message: withoutValues(cause.originalMessage),
    };
  }
  if (typeof code === 'string' && sqlState.test(code) && typeof severity === 'string') {
    const message = (error as { message?: unknown }).message;
    return { code, severity, message: withoutValues(String(message ?? '')) };
  }
  // Prisma's messages quote the call, its arguments included: the code and name are enough
  if (clientVersion !== undefined) {
    return {
      ...(typeof code === 'string' && prismaCode.test(code) ? { code } : {}),
      message: (error as Error).name,
    };
  }
  return undefined;
}

// What pino's `err` serializer prints of a database error: type, message, code, severity and
// where it was thrown.
export class DatabaseError extends Error {
  readonly code: string | undefined;
  readonly severity: string | undefined;
  constructor(summary: DatabaseErrorSummary, frames: string) {
    super(summary.message);
    this.name = 'DatabaseError';
    this.code = summary.code;
    this.severity = summary.severity;
    this.stack = `${this.name}: ${summary.message}${frames ? `\n${frames}` : ''}`;
  }
}

// For pino's `err`: a database error as its summary, with the stack's frames but not its first
// line (which repeats the whole message); any other error as it is.
export function loggableError(error: unknown): unknown {
  const summary = summarizeDatabaseError(error);
  if (!summary) return error;
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const frames = stack
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
  return new DatabaseError(summary, frames);
}

// One line of the embedded server's stderr as written with log_line_prefix '%e ' (the SQLSTATE
// code) and terse verbosity: errors become a short line, everything else is dropped.
export function postgresLogLine(line: string): string | undefined {
  const match = /^([0-9A-Z]{5}) (ERROR|FATAL|PANIC):\s+(.*)$/.exec(line);
  if (!match) return undefined;
  const [, code, severity, message] = match;
  return `postgres ${severity} ${code}: ${withoutValues(message!)}`;
}

// SQLSTATEs that say the database cannot serve right now: connection exceptions (class 08),
// a server shutting down or starting up (57P01 to 57P03), too many connections.
const unavailableState = /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/;
// what node-postgres itself throws for a connection refused, reset, lost, or not answered within
// its connection timeout ('timeout expired')
const socketErrors = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']);
const lostConnection =
  /^(Connection terminated|Client has encountered a connection error|Client was closed|timeout expired$)/;
// Prisma's kinds for the same (the driver adapter's translation of the errors above)
const unreachableKinds = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
// can't reach, timed out, connection closed, no connection from the pool in time, a
// transaction that could not start in time
const unavailablePrismaCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);

interface ConnectionError {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
}

// Whether the error says the database is down or out of reach (not that a query was wrong):
// node-postgres's socket, SQLSTATE and lost-connection errors and Prisma's translations of
// them, the error's causes included. The request may be tried again once it is back.
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { code, message, cause, meta } = error as ConnectionError;
  const adapterCause = meta?.driverAdapterError?.cause;
  if (typeof code === 'string') {
    if (socketErrors.has(code) || unavailableState.test(code)) return true;
    if (unavailablePrismaCodes.has(code)) return true;
  }
  if (adapterCause) {
    const { kind, originalCode } = adapterCause;
    if (typeof kind === 'string' && unreachableKinds.has(kind)) return true;
    if (typeof originalCode === 'string' && unavailableState.test(originalCode)) return true;
  }
  if (typeof message === 'string' && lostConnection.test(message)) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}
