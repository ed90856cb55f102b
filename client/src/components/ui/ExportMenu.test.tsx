// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, configure, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { packedRulesFor } from '@vigil/shared/auth/abilities';
import type { Role } from '@vigil/shared/enums';
import { theme } from '../../app/theme.ts';
import { AbilityProvider, abilityFromPackedRules } from '../../lib/ability.ts';
import '../../lib/i18n.ts';
import { ExportMenu } from './ExportMenu.tsx';

// Mantine's transitions take their time on a busy machine
configure({ asyncUtilTimeout: 10_000 });

const filename = 'vigil-case-summary-2026-12-02.csv';

// A download answered chunk by chunk as the test pushes them; the stream fails when the request
// is aborted, as a browser's does.
function stubDownload() {
  const requests: { path: string; signal: AbortSignal | undefined }[] = [];
  let push!: (bytes: number) => void;
  let end!: () => void;
  vi.stubGlobal('fetch', async (path: string, init: RequestInit = {}) => {
    requests.push({ path, signal: init.signal ?? undefined });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (bytes) => controller.enqueue(new Uint8Array(bytes).fill(65));
        end = () => controller.close();
        init.signal?.addEventListener('abort', () =>
          controller.error(new DOMException('The download was cancelled', 'AbortError')),
        );
      },
    });
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-length': '10000',
        'content-disposition': `attachment; filename="${filename}"`,
      },
    });
  });
  return { requests, push: (bytes: number) => push(bytes), end: () => end() };
}

// What saveBlob hands to the browser: the link's file name and the object URL's blob.
function watchSaves() {
  const saved: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    saved.push({ name: this.download, blob: blobs.get(this.href)! });
  });
  return saved;
}

function renderMenu(role: Role = 'ADVOCACY') {
  const ability = abilityFromPackedRules(
    packedRulesFor({ id: '6d0f2c1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f', role, countries: [] }),
  );
  const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <MantineProvider theme={theme} env="test">
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <AbilityProvider value={ability}>
          <ExportMenu
            selection={{ country: ['KH'], status: 'VERIFIED' }}
            drafts={[{ label: 'Statement draft', path: '/exports/statement/s1' }]}
          />
        </AbilityProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

async function choose(item: string) {
  await userEvent.click(screen.getByRole('button', { name: 'Export' }));
  await userEvent.click(await screen.findByRole('menuitem', { name: item }));
}

beforeEach(() => {
  vi.restoreAllMocks();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ExportMenu', () => {
  it('when a CSV is chosen, then the case summary of the selection is fetched, its progress shown in bytes and percent, and the file saved under the server’s name', async () => {
    const download = stubDownload();
    const saved = watchSaves();
    renderMenu();
    await choose('CSV');

    await waitFor(() => expect(download.requests).toHaveLength(1));
    expect(download.requests[0]!.path).toBe(
      '/api/exports/case-summary?format=csv&country=KH&status=VERIFIED',
    );
    download.push(4000);
    expect((await screen.findByRole('status')).textContent).toBe(
      'Downloading: 4 kB of 10 kB (40%)',
    );
    download.push(6000);
    download.end();

    await screen.findByRole('button', { name: 'Export' });
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toBe(filename);
    expect(saved[0]!.blob.size).toBe(10_000);
  });

  it('when "With attachments (ZIP)" is ticked, then the menu stays open and the format chosen comes as a ZIP of the summary and its files', async () => {
    const download = stubDownload();
    watchSaves();
    renderMenu();
    await userEvent.click(screen.getByRole('button', { name: 'Export' }));
    const option = await screen.findByRole('menuitemcheckbox', {
      name: /With attachments \(ZIP\)/,
    });
    expect(option.getAttribute('aria-checked')).toBe('false');
    await userEvent.click(option);
    expect(option.getAttribute('aria-checked')).toBe('true');
    await userEvent.click(screen.getByRole('menuitem', { name: 'PDF document' }));

    await waitFor(() => expect(download.requests).toHaveLength(1));
    expect(download.requests[0]!.path).toBe(
      '/api/exports/case-summary?format=pdf&country=KH&status=VERIFIED&bundle=zip',
    );
    download.end();
    await screen.findByRole('button', { name: 'Export' });
  });

  it('when the export is cancelled, then the request is aborted, nothing is saved and no error is shown', async () => {
    const download = stubDownload();
    const saved = watchSaves();
    renderMenu();
    await choose('Statement draft');
    await waitFor(() => expect(download.requests).toHaveLength(1));
    expect(download.requests[0]!.path).toBe('/api/exports/statement/s1');
    download.push(1000);
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel the export' }));

    await screen.findByRole('button', { name: 'Export' });
    expect(download.requests[0]!.signal?.aborted).toBe(true);
    expect(saved).toEqual([]);
    expect(screen.queryByText('The export failed')).toBeNull();
  });

  it('when the server refuses the export, then its reason is shown in words', async () => {
    const saved = watchSaves();
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(
          JSON.stringify({
            error: {
              code: 'VALIDATION',
              message: 'A Word document holds at most 500 incidents: narrow the filters.',
            },
          }),
          { status: 400, headers: { 'content-type': 'application/json' } },
        ),
    );
    renderMenu();
    await choose('Word document');

    await screen.findByText('The export failed');
    expect(
      screen.getByText('A Word document holds at most 500 incidents: narrow the filters.'),
    ).toBeTruthy();
    expect(saved).toEqual([]);
  });

  it('when the caller may not export, then there is no menu', () => {
    renderMenu('RESEARCHER');
    expect(screen.queryByRole('button', { name: 'Export' })).toBeNull();
  });
});
