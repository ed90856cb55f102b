import http from 'node:http';
import type { TestApp } from './app.ts';

// Requests from distinct loopback addresses (127.0.0.x), so that the server sees distinct
// clients without trusting any proxy header: for the attacks on sign-in.

export interface Answer {
  status: number;
  body: string;
  // the session cookie set, name=value, and the whole header that set it
  cookie: string | undefined;
  setCookie: string | undefined;
  // every cookie set, name=value
  cookies: string[];
  ms: number;
}

// Hands out a loopback address of its own to each caller of a test, from 127.0.0.`first`.
export function addressBook(first = 11) {
  let next = first;
  return () => `127.0.0.${next++}`;
}

export function sendFrom(
  target: TestApp,
  address: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const started = Date.now();
  const { port, hostname } = new URL(target.url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: hostname,
        port,
        method,
        path,
        localAddress: address,
        // one connection per request: parallel requests are parallel on the server too
        agent: false,
        headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            cookie: response.headers['set-cookie']?.[0]?.split(';')[0],
            setCookie: response.headers['set-cookie']?.[0],
            cookies: (response.headers['set-cookie'] ?? []).map((line) => line.split(';')[0]!),
            ms: Date.now() - started,
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
