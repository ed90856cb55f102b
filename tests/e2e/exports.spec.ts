import fs from 'node:fs/promises';
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AdvocacyOutput } from '@vigil/shared/schemas/advocacy';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import {
  createDefender,
  incidentBody,
  json,
  postIncident,
  setStatus,
} from '../../server/src/modules/incidents/incidents.factories.ts';
import { jpegWithGps, upload } from '../../server/src/modules/attachments/attachments.fixtures.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, openPage, signInThroughPage } from '../support/browser.ts';
import { createUser, signIn } from '../support/http.ts';

// The export menu in a real browser against the real app: an advocacy officer downloads the case
// summary of the incident list as filtered, and a statement draft from an advocacy action; a
// researcher, who may not export, has no menu.

type Account = Awaited<ReturnType<typeof createUser>>;

let app: TestApp;
let browser: Browser;
let closeContext: (() => Promise<void>) | undefined;
let problems: string[] = [];

const people = {} as Record<'researcher' | 'advocacy', Account>;
const incidents = {} as Record<
  'verifiedKh' | 'draftKh' | 'restrictedKh' | 'verifiedTh',
  IncidentOutput
>;
let statement: AdvocacyOutput;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp({ client: true }), launchBrowser()]);
  people.researcher = await createUser(app, { role: 'RESEARCHER' });
  people.advocacy = await createUser(app, { role: 'ADVOCACY' });
  const researcher = await signIn(app, people.researcher.email, people.researcher.password);
  const advocacy = await signIn(app, people.advocacy.email, people.advocacy.password);

  const log = async (country: string, title: string, fields: Record<string, unknown> = {}) => {
    const defender = await createDefender(app, { country, createdById: people.researcher.id });
    return postIncident(researcher, incidentBody(defender.id, { country, title, ...fields }));
  };
  incidents.verifiedKh = await log('KH', 'Arrest of a community land activist in Kampot');
  incidents.draftKh = await log('KH', 'Draft about a journalist questioned by police');
  incidents.restrictedKh = await log('KH', 'Restricted case of a detained union leader', {
    confidentiality: 'RESTRICTED',
  });
  incidents.verifiedTh = await log('TH', 'Surveillance of a lawyer in Bangkok');
  // a photo of the arrest, added while the researcher may still change the draft
  const photo = await upload(researcher, `/api/incidents/${incidents.verifiedKh.id}/attachments`, {
    bytes: await jpegWithGps(),
    name: 'arrest.jpg',
  });
  expect(photo.status, await photo.clone().text()).toBe(201);
  for (const incident of [incidents.verifiedKh, incidents.restrictedKh, incidents.verifiedTh]) {
    await setStatus(app, incident, 'VERIFIED');
  }

  const response = await advocacy.request('POST', '/api/advocacy', {
    kind: 'STATEMENT',
    title: 'Statement on land activists in Cambodia',
    date: '2026-06-01',
    incidentIds: [incidents.verifiedKh.id],
  });
  expect(response.status, await response.clone().text()).toBe(201);
  statement = await json<AdvocacyOutput>(response);
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

// Chooses an item of the export menu (with the attachments option ticked first, if asked) and
// waits for the browser's download.
async function exportAs(page: Page, item: string, withAttachments = false): Promise<Download> {
  await page.getByRole('button', { name: 'Export' }).click();
  if (withAttachments) {
    await page.getByRole('menuitemcheckbox', { name: /With attachments \(ZIP\)/ }).click();
  }
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: item, exact: true }).click(),
  ]);
  return download;
}

describe('export menu', { timeout: 300_000 }, () => {
  it('when an advocacy officer exports the incident list filtered to Cambodia as CSV, then the file holds the verified Cambodian incident only, under the server’s file name', async () => {
    const page = await signedIn(people.advocacy);
    await page.goto('/incidents?country=KH');
    const list = page.getByRole('table', { name: 'Incidents' });
    await list.getByText(incidents.verifiedKh.title).waitFor();

    const download = await exportAs(page, 'CSV');
    expect(download.suggestedFilename()).toMatch(/^vigil-case-summary-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await fs.readFile(await download.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(header?.slice(0, 3)).toEqual(['Reference', 'Title', 'Date']);
    // not the draft (unreadable to advocacy), the restricted one (never public) or Thailand's
    expect(rows.map((row) => row.slice(0, 2))).toEqual([
      [incidents.verifiedKh.reference, incidents.verifiedKh.title],
    ]);
    expect(rows[0]![header!.indexOf('Country')]).toContain('Cambodia');

    // the menu is back once the file is saved
    await page.getByRole('button', { name: 'Export' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('when an advocacy officer exports the CSV with attachments, then a ZIP downloads holding the summary, the photo’s clean copy and SHA256SUMS', async () => {
    const page = await signedIn(people.advocacy);
    await page.goto('/incidents?country=KH');
    await page
      .getByRole('table', { name: 'Incidents' })
      .getByText(incidents.verifiedKh.title)
      .waitFor();

    const download = await exportAs(page, 'CSV', true);
    expect(download.suggestedFilename()).toMatch(/^vigil-case-summary-\d{4}-\d{2}-\d{2}\.zip$/);
    const entries = unzipSync(new Uint8Array(await fs.readFile(await download.path())));
    expect(Object.keys(entries).sort()).toEqual(
      [
        download.suggestedFilename().replace(/\.zip$/, '.csv'),
        `attachments/${incidents.verifiedKh.reference}/arrest.jpg`,
        'SHA256SUMS',
      ].sort(),
    );

    // on a phone, the menu with the option fits the screen and stays accessible
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Export' }).click();
    const option = page.getByRole('menuitemcheckbox', { name: /With attachments \(ZIP\)/ });
    await option.waitFor();
    const menu = await page.getByRole('menu').boundingBox();
    expect(menu!.x).toBeGreaterThanOrEqual(0);
    expect(menu!.x + menu!.width).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('when an advocacy officer exports the statement draft of an action, then a Word document downloads', async () => {
    const page = await signedIn(people.advocacy);
    await page.goto(`/advocacy/${statement.id}`);
    await page.getByRole('heading', { level: 1, name: statement.title }).waitFor();

    const download = await exportAs(page, 'Statement draft');
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = await fs.readFile(await download.path());
    // a docx is a zip archive
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(problems).toEqual([]);
  });

  it('when a researcher opens the incident list, then there is no export menu, as researchers may not export', async () => {
    const page = await signedIn(people.researcher);
    await page.goto('/incidents');
    await page
      .getByRole('table', { name: 'Incidents' })
      .getByText(incidents.draftKh.title)
      .waitFor();
    expect(await page.getByRole('button', { name: 'Export' }).count()).toBe(0);
  });
});
