import { errorBody, errorStatus, type ErrorCode } from '@vigil/shared/errors';
import type { z } from 'zod';
import { filenameFromDisposition } from './download.ts';

// Every failed call ends up as an ApiError, whether the server answered with the contract's
// error body, with something else (a proxy's HTML page), or not at all.
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function isApiError(error: unknown, code?: ErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Handed out by login and /auth/me; sent back on every write (double-submit CSRF protection).
let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined) {
  csrfToken = token;
}

function codeForStatus(status: number): ErrorCode {
  const match = Object.entries(errorStatus).find(([, value]) => value === status);
  return match ? (match[0] as ErrorCode) : 'INTERNAL';
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const parsed = errorBody.safeParse(await readJson(response));
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(response.status, code, message, details);
  }
  const message =
    response.status >= 500
      ? 'The server could not complete the request. Please try again.'
      : `The request failed (${response.status}).`;
  return new ApiError(response.status, codeForStatus(response.status), message);
}

interface RequestOptions<T extends z.ZodType> {
  body?: unknown;
  // validates the success body; without it the body is ignored
  schema?: T;
  signal?: AbortSignal;
}

export async function apiRequest<T extends z.ZodType = z.ZodUndefined>(
  method: string,
  path: string,
  { body, schema, signal }: RequestOptions<T> = {},
): Promise<z.output<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (writeMethods.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'UNAVAILABLE', 'Cannot reach the server. Check your connection.');
  }

  if (!response.ok) throw await toApiError(response);
  if (!schema) return undefined as z.output<T>;
  const parsed = schema.safeParse(await readJson(response));
  if (!parsed.success) {
    throw new ApiError(response.status, 'INTERNAL', 'The server sent an unexpected response.');
  }
  return parsed.data as z.output<T>;
}

export interface DownloadProgress {
  received: number;
  // the size announced by Content-Length, when the server knew it
  total: number | undefined;
}

// A file from the API (an export), read chunk by chunk so that the page can say how far it is;
// errors as every other call's.
export async function apiDownload(
  path: string,
  {
    signal,
    onProgress,
  }: { signal?: AbortSignal; onProgress?: (progress: DownloadProgress) => void },
): Promise<{ blob: Blob; filename: string | undefined }> {
  const unavailable = () =>
    new ApiError(0, 'UNAVAILABLE', 'Cannot reach the server. Check your connection.');
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { credentials: 'same-origin', signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw unavailable();
  }
  if (!response.ok) throw await toApiError(response);

  const length = Number(response.headers.get('content-length'));
  let total = Number.isFinite(length) && length > 0 ? length : undefined;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  try {
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
      chunks.push(chunk.value);
      received += chunk.value.byteLength;
      // a compressed answer announces fewer bytes than the stream gives
      if (total !== undefined && received > total) total = undefined;
      onProgress?.({ received, total });
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    throw unavailable();
  }
  return {
    blob: new Blob(chunks, {
      type: response.headers.get('content-type') ?? 'application/octet-stream',
    }),
    filename: filenameFromDisposition(response.headers.get('content-disposition')),
  };
}

export interface UploadProgress {
  sent: number;
  total: number;
}

// A multipart upload (an evidence file) through XMLHttpRequest, the one browser API that reports
// upload progress; the CSRF header and errors as every other call's. `signal` aborts it.
export function apiUpload<T extends z.ZodType>(
  path: string,
  form: FormData,
  {
    schema,
    signal,
    onProgress,
  }: { schema: T; signal?: AbortSignal; onProgress?: (progress: UploadProgress) => void },
): Promise<z.output<T>> {
  return new Promise((resolve, reject) => {
    const cancelled = () => new DOMException('The upload was cancelled', 'AbortError');
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const request = new XMLHttpRequest();
    request.open('POST', `/api${path}`);
    request.withCredentials = true;
    request.setRequestHeader('accept', 'application/json');
    if (csrfToken) request.setRequestHeader('x-csrf-token', csrfToken);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.({ sent: event.loaded, total: event.total });
    };
    request.onload = async () => {
      const response = new Response(request.responseText || null, { status: request.status });
      if (!response.ok) {
        reject(await toApiError(response));
        return;
      }
      const parsed = schema.safeParse(await readJson(response));
      if (parsed.success) resolve(parsed.data as z.output<T>);
      else
        reject(new ApiError(request.status, 'INTERNAL', 'The server sent an unexpected response.'));
    };
    request.onerror = () =>
      reject(new ApiError(0, 'UNAVAILABLE', 'Cannot reach the server. Check your connection.'));
    request.onabort = () => reject(cancelled());
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(form);
  });
}

export const api = {
  get: <T extends z.ZodType>(path: string, schema: T, signal?: AbortSignal) =>
    apiRequest('GET', path, { schema, signal }),
  post: <T extends z.ZodType = z.ZodUndefined>(path: string, body?: unknown, schema?: T) =>
    apiRequest('POST', path, { body, schema }),
  put: <T extends z.ZodType = z.ZodUndefined>(path: string, body?: unknown, schema?: T) =>
    apiRequest('PUT', path, { body, schema }),
  patch: <T extends z.ZodType = z.ZodUndefined>(path: string, body?: unknown, schema?: T) =>
    apiRequest('PATCH', path, { body, schema }),
  delete: <T extends z.ZodType = z.ZodUndefined>(path: string, schema?: T) =>
    apiRequest('DELETE', path, { schema }),
};
