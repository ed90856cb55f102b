import type { Server, ServerResponse } from 'node:http';

// How the server stops when told to: no new connections, every request under way answered,
// then closed. server.close() alone is not enough: a client that keeps its connection alive may
// send request after request on it, each answered keep-alive, holding the server open until the
// grace runs out and cuts it mid-request. So from then on every answer not yet begun says
// Connection: close, and a connection is closed as soon as it has no request under way (an
// answer already streaming when the stop came). Whatever is still open after `graceMs` is cut.
// Call it when the server is created: it follows the answers under way from then on.
export function gracefulClose(server: Server): (graceMs: number) => Promise<void> {
  const underWay = new Set<ServerResponse>();
  let closing = false;
  const closeAfterAnswer = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  };
  server.prependListener('request', (_req, res) => {
    if (closing) return closeAfterAnswer(res);
    underWay.add(res);
    res.once('close', () => underWay.delete(res));
  });
  return async (graceMs) => {
    closing = true;
    underWay.forEach(closeAfterAnswer);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    await closed;
    clearInterval(sweep);
    clearTimeout(force);
  };
}
