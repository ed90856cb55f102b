import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

// Requests that Node's HTTP parser refuses before Express sees them (headers or URL over the
// 16 KB limit, malformed request lines) still get the contract's error body.
export function answerClientErrors(server: Server) {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // a client too slow to finish its request (see slow-clients.ts) is cut off without a word
    if (!socket.writable || error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify({
      error: tooLarge
        ? { code: 'TOO_LARGE', message: 'The request line or headers are larger than 16 KB' }
        : { code: 'VALIDATION', message: 'The request is not valid HTTP' },
    });
    socket.end(
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
