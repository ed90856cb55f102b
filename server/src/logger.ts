import { pino, type Logger } from 'pino';

// Requests are logged by method, path and status only: no headers (cookies, CSRF tokens), no
// query strings (searches carry defenders' names) and no bodies (passwords, sensitive fields).
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['password', '*.password', 'passwordHash', '*.passwordHash', 'token', 'csrfToken'],
      censor: '[redacted]',
    },
  });
}

export const requestSerializers = {
  req: (req: { id: unknown; method: string; url: string }) => ({
    id: req.id,
    method: req.method,
    path: req.url.split('?')[0],
  }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};
