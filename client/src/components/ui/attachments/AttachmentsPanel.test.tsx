// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications, notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SessionUser } from '@vigil/shared/schemas/auth';
import type { AttachmentOutput } from '@vigil/shared/schemas/attachments';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { theme } from '../../../app/theme.ts';
import { setCsrfToken } from '../../../lib/api-client.ts';
import '../../../lib/i18n.ts';
import { SessionUserContext } from '../../../lib/session.ts';
import { AttachmentsPanel } from './AttachmentsPanel.tsx';

// Mantine's transitions take their time on a busy machine
configure({ asyncUtilTimeout: 10_000 });

const me: SessionUser = {
  id: '6d0f2c1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f',
  email: 'researcher@vigil.test',
  name: 'Researcher',
  role: 'RESEARCHER',
  countries: ['KH'],
};
const incidentId = '0b7a9c1e-2f3d-4e5f-8a9b-0c1d2e3f4a5b';
const listPath = `/api/incidents/${incidentId}/attachments?limit=200`;

const summons: AttachmentOutput = {
  id: '1c9e6a52-3d1f-4b8e-9a7c-5e2d4f6a8b01',
  name: 'summons.pdf',
  mediaType: 'application/pdf',
  size: 340_000,
  sha256: '3f2a9c0d1b7e55aa0123456789abcdef0123456789abcdef0123456789abcdef',
  description: 'Summons from the provincial court',
  sensitive: false,
  hasCleanCopy: true,
  uploadedById: me.id,
  createdAt: '2026-11-30T09:15:00.000Z',
};
const arrestPhoto: AttachmentOutput = {
  id: '2d0f7b63-4e2a-4c9f-8b8d-6f3e5a7b9c02',
  name: 'arrest.jpg',
  mediaType: 'image/jpeg',
  size: 2_400_000,
  sha256: 'c0ffee00beef1234567890abcdef1234567890abcdef1234567890abcdef1234',
  sensitive: true,
  hasCleanCopy: true,
  uploadedById: '3e1a8c74-5f3b-4d0a-9c9e-7a4f6b8cad03',
  createdAt: '2026-12-01T16:40:00.000Z',
};

// The list as the server holds it; each GET answers its current state. Content requests (the
// thumbnails) answer a few bytes.
function stubServer(items: AttachmentOutput[]) {
  const requests: { method: string; path: string }[] = [];
  vi.stubGlobal('fetch', async (path: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    requests.push({ method, path });
    if (method === 'GET' && path === listPath) {
      return Response.json({ items, nextCursor: null });
    }
    if (method === 'GET' && path.includes('/content')) {
      return new Response(new Uint8Array([0xff, 0xd8, 0xff]), {
        headers: { 'content-type': 'image/jpeg' },
      });
    }
    if (method === 'DELETE') return new Response(null, { status: 204 });
    return Response.json({ error: { code: 'NOT_FOUND', message: 'Not found' } }, { status: 404 });
  });
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:test/1');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  return { requests, items };
}

// A stand-in XMLHttpRequest that the test drives: it reports upload progress and answers when
// told, and records what was sent.
class FakeUpload {
  static sent: FakeUpload[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | undefined;
  aborted = false;
  withCredentials = false;
  status = 0;
  responseText = '';
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
    FakeUpload.sent.push(this);
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent);
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

function renderPanel({ canUpdate = true, canReadSensitive = true } = {}) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  return render(
    <MantineProvider theme={theme} env="test">
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <SessionUserContext value={me}>
          <ModalsProvider>
            <AttachmentsPanel
              kind="incidents"
              recordId={incidentId}
              canUpdate={canUpdate}
              canReadSensitive={canReadSensitive}
            />
          </ModalsProvider>
        </SessionUserContext>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

async function chooseFile(container: HTMLElement, file: File) {
  const input = container.querySelector<HTMLInputElement>('input[type="file"]')!;
  await userEvent.upload(input, file);
  await waitFor(() => expect(FakeUpload.sent.length).toBeGreaterThan(0));
  return FakeUpload.sent.at(-1)!;
}

const pdf = (name: string, bytes: number) =>
  new File([new Uint8Array(bytes).fill(37)], name, { type: 'application/pdf' });

beforeEach(() => {
  vi.restoreAllMocks();
  FakeUpload.sent = [];
  vi.stubGlobal('XMLHttpRequest', FakeUpload);
  setCsrfToken('csrf-1');
});

afterEach(() => {
  cleanup();
  notifications.clean();
  vi.unstubAllGlobals();
  setCsrfToken(undefined);
});

describe('AttachmentsPanel', () => {
  it('when a file is chosen, then it is sent with its description, the sensitive mark and the CSRF token, its progress shown, and the list shows it once stored', async () => {
    const server = stubServer([]);
    const { container } = renderPanel();
    await screen.findByText('No evidence yet. Drop files here or choose them.');
    await userEvent.type(screen.getByLabelText('Description (optional)'), 'Charge sheet');
    await userEvent.click(screen.getByLabelText('Sensitive'));

    const request = await chooseFile(container, pdf('charges.pdf', 10_000));
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`/api/incidents/${incidentId}/attachments`);
    expect(request.headers['x-csrf-token']).toBe('csrf-1');
    expect(request.body?.get('description')).toBe('Charge sheet');
    expect(request.body?.get('sensitive')).toBe('true');
    expect((request.body?.get('file') as File).name).toBe('charges.pdf');

    request.progress(4000, 10_000);
    expect((await screen.findByText(/^Uploading charges\.pdf/)).textContent).toBe(
      'Uploading charges.pdf: 4 kB of 10 kB (40%)',
    );

    const stored = {
      ...summons,
      id: '4f2b9d85-6a4c-4e1b-8daf-8b5a7c9dbe04',
      name: 'charges.pdf',
      sensitive: true,
    };
    server.items.push(stored);
    request.respond(201, stored);
    await screen.findByText('charges.pdf was added.');
    expect(await screen.findByRole('table', { name: 'Evidence files' })).toBeTruthy();
    expect(screen.queryByText(/^Uploading charges\.pdf/)).toBeNull();
  });

  it('when an upload is cancelled, then the request is aborted and no refusal is shown', async () => {
    stubServer([]);
    const { container } = renderPanel();
    await screen.findByText('No evidence yet. Drop files here or choose them.');
    const request = await chooseFile(container, pdf('statement.pdf', 5000));
    request.progress(1000, 5000);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Cancel the upload of statement.pdf' }),
    );

    expect(request.aborted).toBe(true);
    await waitFor(() => expect(screen.queryByText(/^Uploading statement\.pdf/)).toBeNull());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('when the server refuses a file as too large, then the refusal says its size and the limit', async () => {
    stubServer([]);
    const { container } = renderPanel();
    await screen.findByText('No evidence yet. Drop files here or choose them.');
    const request = await chooseFile(container, pdf('video.pdf', 60_000));
    request.respond(413, {
      error: {
        code: 'TOO_LARGE',
        message: 'The file is over the limit.',
        details: { limit: 50_000 },
      },
    });

    const title = await screen.findByText('video.pdf was not added');
    const alert = title.closest<HTMLElement>('[role="alert"]')!;
    expect(within(alert).getByText('The file is 60 kB; files may be at most 50 kB.')).toBeTruthy();
  });

  it('when the server refuses a file’s type, then the refusal says what was detected and what is accepted', async () => {
    stubServer([]);
    const { container } = renderPanel();
    await screen.findByText('No evidence yet. Drop files here or choose them.');
    const request = await chooseFile(container, pdf('invoice.pdf', 100));
    const refusal =
      'This kind of file is not accepted: application/x-msdownload (.exe). Accepted are PDF, DOCX, XLSX, ODT, plain text, JPEG, PNG, WebP, HEIC, MP3, M4A, OGG, WAV, MP4, WebM and MOV';
    request.respond(400, {
      error: {
        code: 'VALIDATION',
        message: 'The request is not valid',
        details: [{ path: 'body.file', message: refusal, code: 'invalid_type' }],
      },
    });

    const title = await screen.findByText('invoice.pdf was not added');
    const alert = title.closest<HTMLElement>('[role="alert"]')!;
    expect(within(alert).getByText(refusal)).toBeTruthy();
  });

  it('when the record holds files, then each shows its type in words, size, short fingerprint, uploader and badges', async () => {
    stubServer([summons, arrestPhoto]);
    renderPanel();
    const table = await screen.findByRole('table', { name: 'Evidence files' });
    const [, summonsRow, photoRow] = within(table).getAllByRole('row');

    expect(within(summonsRow!).getByText('summons.pdf')).toBeTruthy();
    expect(within(summonsRow!).getByText('PDF document')).toBeTruthy();
    expect(within(summonsRow!).getByText('340 kB')).toBeTruthy();
    expect(within(summonsRow!).getByText('3f2a9c0d1b7e').tagName).toBe('CODE');
    expect(within(summonsRow!).getByText('You')).toBeTruthy();
    expect(within(summonsRow!).getByText('Metadata removed copy')).toBeTruthy();
    expect(within(summonsRow!).queryByText('Sensitive')).toBeNull();

    expect(within(photoRow!).getByText('JPEG photo')).toBeTruthy();
    expect(within(photoRow!).getByText('2.4 MB')).toBeTruthy();
    expect(within(photoRow!).getByText('c0ffee00beef')).toBeTruthy();
    expect(within(photoRow!).getByText('A colleague')).toBeTruthy();
    expect(within(photoRow!).getByText('Sensitive')).toBeTruthy();
    expect(
      within(photoRow!).getByRole('button', { name: 'Copy the SHA-256 of arrest.jpg' }),
    ).toBeTruthy();
  });

  it('when a file is deleted, then it is confirmed first and the DELETE is sent', async () => {
    const server = stubServer([summons]);
    renderPanel();
    await userEvent.click(await screen.findByRole('button', { name: 'Delete summons.pdf' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Delete the file' }));

    await screen.findByText('summons.pdf was deleted.');
    expect(server.requests).toContainEqual({
      method: 'DELETE',
      path: '/api/attachments/1c9e6a52-3d1f-4b8e-9a7c-5e2d4f6a8b01',
    });
  });

  it('when the caller may not update the record nor see sensitive details, then there is no upload and no delete, and a download fetches the copy without metadata', async () => {
    const server = stubServer([summons, arrestPhoto]);
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push(this.download);
    });
    renderPanel({ canUpdate: false, canReadSensitive: false });
    await screen.findByRole('table', { name: 'Evidence files' });

    expect(screen.queryByRole('button', { name: 'Choose files' })).toBeNull();
    expect(screen.queryByLabelText('Description (optional)')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Delete/ })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Download summons.pdf' }));
    await waitFor(() => expect(saved).toEqual(['summons.pdf']));
    expect(server.requests).toContainEqual({
      method: 'GET',
      path: `/api/attachments/${summons.id}/content?variant=clean`,
    });
  });

  it('when a photo is listed, then its thumbnail comes from the clean copy through an object URL that is revoked when the panel goes', async () => {
    const server = stubServer([arrestPhoto]);
    const { unmount } = renderPanel();
    const thumbnail = await screen.findByRole('img', { name: 'Preview of arrest.jpg' });
    expect(thumbnail.getAttribute('src')).toBe('blob:test/1');
    expect(server.requests).toContainEqual({
      method: 'GET',
      path: `/api/attachments/${arrestPhoto.id}/content?variant=clean`,
    });

    unmount();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test/1');
  });
});
