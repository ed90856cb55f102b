import http from 'node:http';
import type { RequestListener } from 'node:http';

// How long a client may take before its socket is cut off (slowloris: headers or a body sent a
// byte every few seconds would otherwise hold a socket and a request for minutes).
export interface SlowClientLimits {
  // the whole header block
  headersMs: number;
  // the whole request, body included: long enough for ATTACHMENT_MAX_BYTES (50 MiB) at about
  // 30 KB/s, as the idle limit already cuts off a client that stops sending
  requestMs: number;
  // no byte in either direction
  idleMs: number;
  // an idle kept-alive connection between requests
  keepAliveMs: number;
  // headers beyond this count are dropped by Node's parser
  maxHeaders: number;
}

export const slowClientLimits: SlowClientLimits = {
  headersMs: 10_000,
  requestMs: 30 * 60_000,
  idleMs: 30_000,
  keepAliveMs: 5_000,
  maxHeaders: 100,
};

// The HTTP server for the app with these limits. Node checks the header and request limits
// every connectionsCheckingInterval (30 s by default, which would let a 10 s limit last 40 s),
// so the check runs at least every second.
export function createLimitedServer(app: RequestListener, limits = slowClientLimits) {
  const server = http.createServer(
    {
      headersTimeout: limits.headersMs,
      requestTimeout: limits.requestMs,
      keepAliveTimeout: limits.keepAliveMs,
      connectionsCheckingInterval: Math.min(1_000, limits.headersMs / 2),
    },
    app,
  );
  server.maxHeadersCount = limits.maxHeaders;
  // an idle socket with no 'timeout' listener is destroyed
  server.timeout = limits.idleMs;
  return server;
}
