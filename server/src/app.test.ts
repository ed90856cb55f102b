import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefender } from './modules/incidents/incidents.factories.ts';
import { startTestApp, type TestApp } from '../../tests/support/app.ts';
import { anonymous, clientFor, createUser, type Client } from '../../tests/support/http.ts';
import { loadConfig } from './config.ts';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  // the bytes as sent, never decoded on the way (fetch would undo the compression)
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      })
      .on('error', reject);
  });
}

function decoded({ headers, body }: Answer): string {
  const encoding = headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(body).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(body).toString('utf8');
  return body.toString('utf8');
}

const varies = (answer: Answer) =>
  String(answer.headers.vary ?? '')
    .toLowerCase()
    .split(/\s*,\s*/);

const script = `export const greeting = 'the client, fictional';\n`.repeat(40);
// as Vite writes it with html.cspNonce (client/vite.config.ts)
const page =
  '<!doctype html><html><head><title>Vigil</title>' +
  '<meta property="csp-nonce" nonce="VIGIL_CSP_NONCE">' +
  '<script type="module" src="/assets/app-abc123.js" nonce="VIGIL_CSP_NONCE"></script>' +
  '</head><body></body></html>';

// What the client build leaves in client/dist: every file with .br and .gz siblings.
function writeBuiltClient(dir: string) {
  const files = { 'index.html': page, 'assets/app-abc123.js': script };
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    fs.writeFileSync(`${file}.br`, brotliCompressSync(text));
    fs.writeFileSync(`${file}.gz`, gzipSync(text));
  }
  fs.writeFileSync(path.join(dir, 'robots.txt'), 'User-agent: *\nDisallow: /\n');
}

describe('serving the built client', () => {
  let app: TestApp;
  let clientDir: string;

  beforeAll(async () => {
    clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-client-'));
    writeBuiltClient(clientDir);
    app = await startTestApp({ clientDir });
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(clientDir, { recursive: true, force: true });
  });

  const asset = '/assets/app-abc123.js';

  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['br', 'br'],
    // the server prefers brotli whatever order the browser lists them in
    ['gzip;q=1.0, br;q=0.5', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
  ])(
    'when a hashed asset is asked for with Accept-Encoding %s, then the %s copy is sent, cached for good',
    async (acceptEncoding, encoding) => {
      const answer = await get(`${app.url}${asset}`, { 'accept-encoding': acceptEncoding });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBe(encoding);
      expect(answer.headers['content-type']).toMatch(/^text\/javascript; charset=utf-8$/i);
      expect(varies(answer)).toContain('accept-encoding');
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
      expect(answer.body.length).toBeLessThan(Buffer.byteLength(script));
      expect(decoded(answer)).toBe(script);
    },
  );

  it.each([
    ['no Accept-Encoding', {}],
    ['Accept-Encoding: identity', { 'accept-encoding': 'identity' }],
    ['an encoding without a copy', { 'accept-encoding': 'zstd' }],
  ])(
    'when a hashed asset is asked for with %s, then the plain file is sent',
    async (_case, headers: Record<string, string>) => {
      const answer = await get(`${app.url}${asset}`, headers);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.headers['content-type']).toMatch(/^text\/javascript; charset=utf-8$/i);
      expect(varies(answer)).toContain('accept-encoding');
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(answer.body.toString('utf8')).toBe(script);
    },
  );

  it.each([
    '/',
    '/index.html',
    '/incidents',
    '/incidents/0b7e9d3c-1111-4222-8333-444455556666?tab=acts',
  ])(
    'when the page %s is asked for, then index.html comes with a nonce of its own that its policy names, never stored',
    async (pagePath) => {
      const nonces = new Set<string>();
      for (const acceptEncoding of ['gzip, deflate, br', '']) {
        const answer = await get(`${app.url}${pagePath}`, { 'accept-encoding': acceptEncoding });
        expect(answer.status, pagePath).toBe(200);
        expect(answer.headers['content-type']).toMatch(/^text\/html; charset=utf-8$/i);
        expect(answer.headers['cache-control']).toBe('no-store');
        expect(answer.headers.etag).toBeUndefined();
        const nonce = /'nonce-([A-Za-z0-9+/]{24})'/.exec(
          String(answer.headers['content-security-policy']),
        )?.[1];
        expect(nonce).toBeDefined();
        expect(decoded(answer)).toBe(page.replaceAll('VIGIL_CSP_NONCE', nonce!));
        nonces.add(nonce!);
      }
      expect(nonces.size).toBe(2);
    },
  );

  it('when a file outside /assets/ is asked for, then it is revalidated on every use', async () => {
    const answer = await get(`${app.url}/robots.txt`, { 'accept-encoding': 'gzip, br' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers['content-type']).toMatch(/^text\/plain; charset=utf-8$/i);
    expect(answer.headers['cache-control']).toBe('no-cache');
  });

  it('when a hashed asset that is not there is asked for, then it is 404, not the page', async () => {
    const answer = await get(`${app.url}/assets/app-old999.js`, { 'accept-encoding': 'br' });
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(answer.headers['cache-control'] ?? '').not.toMatch(/immutable/);
  });

  it.each(['/api/nothing-here', '/api/incidents/0b7e9d3c-1111-4222-8333-444455556666/nothing'])(
    'when %s is asked for, then the API answers 404 in the contract’s error shape, never the page',
    async (apiPath) => {
      const answer = await get(`${app.url}${apiPath}`, { 'accept-encoding': 'gzip, br' });
      expect(answer.status).toBe(404);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(answer.body.toString('utf8'))).toEqual({
        error: { code: 'NOT_FOUND', message: expect.any(String) },
      });
    },
  );

  it('when an API path is asked for without a session, then the API answers, not the page', async () => {
    const answer = await get(`${app.url}/api/defenders`, { 'accept-encoding': 'gzip, br' });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('security headers', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('when anything is answered, then its content security policy allows only this origin, blob: media and nonced styles', async () => {
    const answer = await get(`${app.url}/api/health`);
    const policy = Object.fromEntries(
      String(answer.headers['content-security-policy'])
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...sources]) => [name, sources.join(' ')]),
    );
    expect(policy).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': expect.stringMatching(/^'self' 'nonce-[A-Za-z0-9+/]{24}'$/),
      'img-src': "'self' data: blob:",
      'media-src': "'self' blob:",
      'frame-src': "'self' blob:",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'self'",
      'connect-src': "'self'",
    });
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
    expect(answer.headers['x-frame-options']).toBe('DENY');
  });

  it('when a signed-in user reads a defender and their own account, then neither answer may be stored or carries an ETag', async () => {
    const researcher = await clientFor(app, 'RESEARCHER', ['KH']);
    const defender = await createDefender(app, { country: 'KH', createdById: researcher.userId });
    for (const apiPath of [`/api/defenders/${defender.id}`, '/api/auth/me', '/api/nothing-here']) {
      const answer = await researcher.get(apiPath);
      expect(answer.headers.get('cache-control'), apiPath).toBe('no-store');
      expect(answer.headers.get('etag'), apiPath).toBeNull();
    }
  });
});

// A write whose body the schema refuses: 400 once past the origin check, 403 CSRF when stopped
// at it, and nothing is stored either way.
async function refusedWrite(client: Client, headers: Record<string, string>) {
  const answer = await client.request('POST', '/api/defenders', {}, headers);
  return { status: answer.status, body: (await answer.json()) as { error: { code: string } } };
}

describe('the origin check on writes', () => {
  let app: TestApp;
  let client: Client;

  beforeAll(async () => {
    app = await startTestApp({ allowedOrigins: ['https://vigil.example.org'] });
    client = await clientFor(app, 'RESEARCHER', ['KH']);
  });
  afterAll(async () => {
    await app.close();
  });

  const own = () => app.url;
  it.each<[string, () => Record<string, string>]>([
    ['neither Origin nor Referer (a program, not a page)', () => ({})],
    ['its own Origin', () => ({ origin: own() })],
    ['a Referer of its own pages', () => ({ referer: `${own()}/incidents/new?draft=1` })],
    ['a configured other origin', () => ({ origin: 'https://vigil.example.org' })],
  ])(
    'when a write with its CSRF token comes with %s, then it goes through',
    async (_case, headers) => {
      const answer = await refusedWrite(client, headers());
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION');
    },
  );

  it.each<[string, () => Record<string, string>]>([
    ['another site’s Origin', () => ({ origin: 'https://attacker.example' })],
    ['Origin: null (a sandboxed frame)', () => ({ origin: 'null' })],
    ['its own host over another scheme', () => ({ origin: own().replace('http:', 'https:') })],
    ['its own host on another port', () => ({ origin: 'http://127.0.0.1:1' })],
    ['another site’s Referer and no Origin', () => ({ referer: 'https://attacker.example/a' })],
    [
      'another site’s Origin and its own Referer',
      () => ({ origin: 'https://attacker.example', referer: `${own()}/` }),
    ],
    ['an Origin that is no URL', () => ({ origin: 'not a url' })],
  ])(
    'when a write with its CSRF token comes with %s, then it is refused as CSRF',
    async (_case, headers) => {
      const answer = await refusedWrite(client, headers());
      expect(answer.status).toBe(403);
      expect(answer.body).toEqual({ error: { code: 'CSRF', message: expect.any(String) } });
    },
  );

  it('when a sign-in is posted from another site’s page, then it is refused as CSRF before the password is checked', async () => {
    const user = await createUser(app, { role: 'RESEARCHER', countries: ['KH'] });
    const answer = await anonymous(app)(
      'POST',
      '/api/auth/login',
      { email: user.email, password: user.password },
      { origin: 'https://attacker.example' },
    );
    expect(answer.status).toBe(403);
    expect(answer.headers.get('set-cookie')).toBeNull();
  });

  it('when another site’s page reads, then the origin check does not stand in the way', async () => {
    const answer = await client.request('GET', '/api/auth/me', undefined, {
      origin: 'https://attacker.example',
    });
    expect(answer.status).toBe(200);
  });

  it('when ALLOWED_ORIGINS is set, then it is read as a list of origins, and a path in it is refused', () => {
    expect(
      loadConfig({ ALLOWED_ORIGINS: ' https://a.example.org, https://b.example.org:8443 ' })
        .ALLOWED_ORIGINS,
    ).toEqual(['https://a.example.org', 'https://b.example.org:8443']);
    expect(loadConfig({}).ALLOWED_ORIGINS).toEqual([]);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://a.example.org/vigil' })).toThrow(
      /ALLOWED_ORIGINS/,
    );
  });
});

describe('trusted proxies', () => {
  const apps: Record<number, TestApp> = {};

  beforeAll(async () => {
    [apps[0], apps[1]] = await Promise.all([
      startTestApp({ trustProxy: 0 }),
      startTestApp({ trustProxy: 1 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all(Object.values(apps).map((app) => app.close()));
  });

  // the page as a TLS-terminating proxy in front of the app would have served it
  const proxiedOrigin = (app: TestApp) => app.url.replace('http:', 'https:');

  it.each([
    [1, 400],
    [0, 403],
  ])(
    'when a proxy says the browser came over HTTPS and %i proxies are trusted, then an https Origin is (%i) its own',
    async (trusted, status) => {
      const app = apps[trusted]!;
      // a sign-in without its fields: 400 past the origin check
      const answer = await anonymous(app)(
        'POST',
        '/api/auth/login',
        {},
        { 'x-forwarded-proto': 'https', origin: proxiedOrigin(app) },
      );
      expect(answer.status).toBe(status);
    },
  );

  it.each([
    [1, '203.0.113.7'],
    [0, '127.0.0.1'],
  ])(
    'when a proxy names the client’s address and %i proxies are trusted, then the sign-in is recorded from %s',
    async (trusted, address) => {
      const app = apps[trusted]!;
      const user = await createUser(app, { role: 'RESEARCHER', countries: ['KH'] });
      const answer = await anonymous(app)(
        'POST',
        '/api/auth/login',
        { email: user.email, password: user.password },
        { 'x-forwarded-for': '203.0.113.7' },
      );
      expect(answer.status).toBe(200);
      const event = await app.database.db.auditEvent.findFirstOrThrow({
        where: { action: 'LOGIN', actorId: user.id },
      });
      expect(event.ip?.replace(/^::ffff:/, '')).toBe(address);
    },
  );
});
