import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@vigil/shared/enums';
import {
  pdfWithAuthor,
  png,
  upload,
} from '../../server/src/modules/attachments/attachments.fixtures.ts';
import {
  createDefender,
  incidentBody,
  json,
  postIncident,
} from '../../server/src/modules/incidents/incidents.factories.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, openPage, signInThroughPage } from '../support/browser.ts';
import { createUser, signIn } from '../support/http.ts';
import { linksByRole } from '../support/navigation.ts';

// The app under its own content security policy (no bypass, unlike the other browser tests):
// every section, a record of each kind and the evidence panel's photo and PDF viewer, as an
// admin and as a manager, without one policy violation or console error.

let app: TestApp;
let browser: Browser;
let context: BrowserContext | undefined;
const records = { incident: '', defender: '', advocacy: '' };

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp({ client: true }), launchBrowser()]);
  const researcher = await createUser(app, { role: 'RESEARCHER', countries: ['KH'] });
  const client = await signIn(app, researcher.email, researcher.password);
  const defender = await createDefender(app, { country: 'KH', createdById: researcher.id });
  const incident = await postIncident(
    client,
    incidentBody(defender.id, { country: 'KH', title: 'Arrest of a land activist in Kampot' }),
  );
  for (const file of [
    { bytes: await png(), name: 'protest.png', type: 'image/png' },
    { bytes: await pdfWithAuthor('A. Researcher'), name: 'summons.pdf', type: 'application/pdf' },
  ]) {
    expect((await upload(client, `/api/incidents/${incident.id}/attachments`, file)).status).toBe(
      201,
    );
  }
  const advocacy = await json<{ id: string }>(
    await client.request('POST', '/api/advocacy', {
      kind: 'STATEMENT',
      title: 'Statement on the arrest in Kampot',
      date: '2025-03-01',
      incidentIds: [incident.id],
    }),
  );
  Object.assign(records, { incident: incident.id, defender: defender.id, advocacy: advocacy.id });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
});

// A page whose policy violations, in any of its frames, land in `problems` with its console
// errors.
async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
  await context?.close();
  const opened = await openPage(browser, app.url, { enforceCsp: true });
  context = opened.context;
  await context.exposeBinding('reportViolation', (_source, violation: string) => {
    opened.problems.push(`policy violation: ${violation}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportViolation: (text: string) => void })
        .reportViolation;
      report(`${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}`);
    });
  });
  return opened;
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

async function visit(page: Page, path: string) {
  await page.goto(path);
  await heading(page).waitFor();
  await page.waitForLoadState('networkidle');
}

// The pixels of an image, once it has loaded: 0 while it is missing or refused.
const naturalWidth = (page: Page, name: string) =>
  page.getByRole('img', { name, exact: true }).evaluate(async (image: HTMLImageElement) => {
    await image.decode().catch(() => undefined);
    return image.naturalWidth;
  });

async function viewEvidence(page: Page) {
  const panel = page.getByRole('table', { name: 'Evidence files' });
  await panel.getByRole('row').filter({ hasText: 'protest.png' }).waitFor();
  expect(await naturalWidth(page, 'Preview of protest.png')).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'View protest.png' }).click();
  const viewer = page.getByRole('dialog', { name: 'protest.png' });
  await viewer.waitFor();
  expect(await naturalWidth(page, 'protest.png')).toBeGreaterThan(0);
  await page.keyboard.press('Escape');
  await viewer.waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'View summons.pdf' }).click();
  await page.getByRole('dialog', { name: 'summons.pdf' }).locator('iframe').waitFor();
  // Chromium shows a PDF with its own viewer (an extension's frame), embedded in the blob:
  // frame's document: that document inherits the page's policy, object-src 'none' included, and
  // the viewer still runs
  await expect
    .poll(() => page.frames().some((frame) => frame.url().startsWith('chrome-extension://')))
    .toBe(true);
  await page.keyboard.press('Escape');
}

describe('the content security policy in the browser', { timeout: 300_000 }, () => {
  it.each<Role>(['ADMIN', 'MANAGER'])(
    'when a %s opens every section, a record of each kind and its evidence, then nothing is refused and nothing fails',
    async (role) => {
      const account = await createUser(app, { role });
      const { page, problems } = await watchedPage();
      await signInThroughPage(page, account.email, account.password);

      const nav = page.getByRole('navigation', { name: 'Sections' });
      for (const name of linksByRole[role]) {
        await nav.getByRole('link', { name, exact: true }).click();
        await heading(page).waitFor();
        await page.waitForLoadState('networkidle');
      }
      // the colour scheme switch writes a <style> of its own for a moment
      const scheme = () => page.evaluate(() => document.documentElement.dataset.mantineColorScheme);
      const before = await scheme();
      await page.getByRole('button', { name: 'Switch between light and dark' }).click();
      await expect.poll(scheme).not.toBe(before);

      await visit(page, `/defenders/${records.defender}`);
      await visit(page, `/advocacy/${records.advocacy}`);
      await visit(page, `/incidents/${records.incident}`);
      await viewEvidence(page);

      expect(problems).toEqual([]);
    },
  );
});
