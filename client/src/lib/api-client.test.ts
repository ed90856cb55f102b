import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, api, setCsrfToken } from './api-client.ts';

// The API client's own behaviour over a stand-in fetch; the real server is exercised by the
// browser tests in tests/e2e.
function answer(status: number, body: unknown, contentType = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return vi.fn(
    async (_input: RequestInfo | URL, _init?: RequestInit) =>
      new Response(status === 204 ? null : text, {
        status,
        headers: { 'content-type': contentType },
      }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(undefined);
});

describe('api client', () => {
  it('when a write is sent, then it carries the CSRF token and the same-origin cookies', async () => {
    const fetchMock = answer(204, '');
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('token-1');
    await api.post('/auth/logout');
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/auth/logout');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.headers).toMatchObject({ 'x-csrf-token': 'token-1' });
  });

  it('when a read is sent, then it carries no CSRF token', async () => {
    const fetchMock = answer(200, { ok: true });
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('token-1');
    await api.get('/thing', z.object({ ok: z.boolean() }));
    expect(fetchMock.mock.calls[0]![1]?.headers).not.toHaveProperty('x-csrf-token');
  });

  it('when the server answers with the error body, then an ApiError carries its code, message and details', async () => {
    vi.stubGlobal(
      'fetch',
      answer(400, {
        error: { code: 'VALIDATION', message: 'Bad input', details: [{ path: 'x' }] },
      }),
    );
    const error = await api.post('/things', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION',
      message: 'Bad input',
      details: [{ path: 'x' }],
    });
  });

  it('when the answer is not the error body, then the code follows the status', async () => {
    vi.stubGlobal('fetch', answer(502, '<html>Bad gateway</html>', 'text/html'));
    await expect(api.get('/thing', z.unknown())).rejects.toMatchObject({
      status: 502,
      code: 'INTERNAL',
    });
    vi.stubGlobal('fetch', answer(401, 'nope', 'text/plain'));
    await expect(api.get('/thing', z.unknown())).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('when the server cannot be reached, then the error says so', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(api.get('/thing', z.unknown())).rejects.toMatchObject({
      status: 0,
      code: 'UNAVAILABLE',
    });
  });

  it('when a success body does not match its schema, then it is refused', async () => {
    vi.stubGlobal('fetch', answer(200, { ok: 'yes' }));
    await expect(api.get('/thing', z.object({ ok: z.boolean() }))).rejects.toMatchObject({
      code: 'INTERNAL',
    });
  });
});
