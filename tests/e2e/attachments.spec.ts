import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import {
  createDefender,
  incidentBody,
  postIncident,
} from '../../server/src/modules/incidents/incidents.factories.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, openPage, signInThroughPage } from '../support/browser.ts';
import { createUser, signIn } from '../support/http.ts';

// The evidence panel in a real browser against the real app: a researcher adds a PDF to their
// draft incident, recognises it by its fingerprint and downloads the very same bytes again.

type Account = Awaited<ReturnType<typeof createUser>>;

let app: TestApp;
let browser: Browser;
let closeContext: (() => Promise<void>) | undefined;
let problems: string[] = [];
let researcher: Account;
let incident: IncidentOutput;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp({ client: true }), launchBrowser()]);
  researcher = await createUser(app, { role: 'RESEARCHER', countries: ['KH'] });
  const client = await signIn(app, researcher.email, researcher.password);
  const defender = await createDefender(app, { country: 'KH', createdById: researcher.id });
  incident = await postIncident(
    client,
    incidentBody(defender.id, { country: 'KH', title: 'Summons of a land activist in Kampot' }),
  );
});

afterEach(async () => {
  await closeContext?.();
  closeContext = undefined;
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function signedIn(account: Account): Promise<Page> {
  const opened = await openPage(browser, app.url);
  closeContext = () => opened.context.close();
  problems = opened.problems;
  await signInThroughPage(opened.page, account.email, account.password);
  return opened.page;
}

// A real PDF, made here, so that the server's content sniffing and cleaning see a true one.
async function summonsPdf(): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  document.addPage().drawText('Summons to appear before the Kampot provincial court', {
    x: 50,
    y: 700,
    size: 14,
    font,
  });
  return Buffer.from(await document.save());
}

describe('evidence panel', { timeout: 300_000 }, () => {
  it('when a researcher adds a PDF to their draft incident, then it is listed with its fingerprint and downloads byte for byte', async () => {
    const pdf = await summonsPdf();
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const page = await signedIn(researcher);
    await page.goto(`/incidents/${incident.id}`);
    await page.getByText('No evidence yet. Drop files here or choose them.').waitFor();

    await page.getByLabel('Description (optional)').fill('Summons from the provincial court');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'summons.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByText('summons.pdf was added.').waitFor();

    const list = page.getByRole('table', { name: 'Evidence files' });
    const row = list.getByRole('row').filter({ hasText: 'summons.pdf' });
    await row.waitFor();
    expect(await row.getByText('Summons from the provincial court').count()).toBe(1);
    expect(await row.getByText('PDF document').count()).toBe(1);
    expect((await row.locator('code').textContent())?.trim()).toBe(sha256.slice(0, 12));
    expect(await row.getByText('You', { exact: true }).count()).toBe(1);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: 'Download summons.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('summons.pdf');
    const downloaded = await fs.readFile(await download.path());
    expect(createHash('sha256').update(downloaded).digest('hex')).toBe(sha256);
    expect(downloaded.equals(pdf)).toBe(true);

    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
