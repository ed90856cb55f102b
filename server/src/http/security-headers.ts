import { randomBytes } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import helmet from 'helmet';

// The placeholder the client build writes wherever a nonce belongs (client/vite.config.ts,
// html.cspNonce): the server puts each page's own nonce in its place.
export const cspNoncePlaceholder = 'VIGIL_CSP_NONCE';

export const cspNonceOf = (res: Response): string => res.locals.cspNonce as string;

// A fresh nonce per response. Only styles use it: Mantine writes its CSS variables and its
// responsive props into <style> elements, which carry the nonce the page hands to Mantine
// (client/src/main.tsx). Scripts need none: every script is a file of this origin.
const cspNonce: RequestHandler = (_req, res, next) => {
  res.locals.cspNonce = randomBytes(18).toString('base64');
  next();
};

export function securityHeaders(): RequestHandler[] {
  return [
    cspNonce,
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", (_req, res) => `'nonce-${cspNonceOf(res as Response)}'`],
          // evidence thumbnails and the viewer show files fetched with the session as blob: URLs
          imgSrc: ["'self'", 'data:', 'blob:'],
          mediaSrc: ["'self'", 'blob:'],
          frameSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          connectSrc: ["'self'"],
        },
      },
      strictTransportSecurity: { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true },
      // as frame-ancestors 'none', for browsers that predate it
      xFrameOptions: { action: 'deny' },
    }),
  ];
}
