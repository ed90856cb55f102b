import type { Request, RequestHandler } from 'express';
import { AppError } from './app-error.ts';

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

// As the browser addressed this server: req.protocol and req.host read X-Forwarded-Proto and
// X-Forwarded-Host only from the trusted proxies (TRUST_PROXY).
const ownOrigin = (req: Request) =>
  req.host ? originOf(`${req.protocol}://${req.host}`) : undefined;

// A second line besides the CSRF token: a write that a browser sends from a page of another
// site (its Origin, or without one its Referer, says so) is refused before anything reads it.
// The app's own pages write with fetch(), which sends their true Origin even under the page's
// no-referrer policy (the Fetch standard nulls it only for forms and no-cors requests).
// `Origin: null` (a sandboxed frame, a redirect across sites) is refused. Requests that carry
// neither header come from programs, not from a browser page, and still need the CSRF token.
export function requireSameOrigin(allowedOrigins: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (!stateChanging.has(req.method)) return next();
    const claimed = req.get('origin') ?? req.get('referer');
    if (claimed === undefined) return next();
    const origin = originOf(claimed);
    if (origin && (origin === ownOrigin(req) || allowedOrigins.includes(origin))) return next();
    next(new AppError('CSRF', 'Requests that change data must come from this site'));
  };
}
