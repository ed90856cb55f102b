import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upload } from '../../server/src/modules/attachments/attachments.fixtures.ts';
import { json, postIncident } from '../../server/src/modules/incidents/incidents.factories.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser, openPage, signInThroughPage } from '../support/browser.ts';
import { createUser, signIn, type Client } from '../support/http.ts';

// Markup typed into every free-text field a researcher or an advocacy officer fills in is shown
// as the text it is on every page that shows it. The policy is bypassed here (as for axe), so
// that what is checked is the rendering itself, not the CSP's second line of defence.

declare global {
  interface Window {
    __xss?: number;
  }
}

const markup = (field: string) =>
  `${field} <img src=x onerror="window.__xss=(window.__xss||0)+1"><script>window.__xss=1</script>`;

let app: TestApp;
let browser: Browser;
let page: Page;
let problems: string[] = [];
const ids = {} as Record<'defender' | 'incident' | 'advocacy', string>;
let evidenceName = '';

async function created(client: Client, path: string, body: Record<string, unknown>) {
  const response = await client.request('POST', path, body);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await json<{ id: string }>(response)).id;
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp({ client: true }), launchBrowser()]);
  const admin = await createUser(app, { role: 'ADMIN' });
  const client = await signIn(app, admin.email, admin.password);
  ids.defender = await created(client, '/api/defenders', {
    displayName: markup('Defender'),
    aliases: [markup('Alias')],
    organisation: markup('Organisation'),
    notes: markup('Defender notes'),
    country: 'KH',
    consent: 'PUBLIC',
  });
  ids.incident = (
    await postIncident(client, {
      title: markup('Incident'),
      summary: markup('Summary'),
      occurredOn: '2024-03-12',
      datePrecision: 'DAY',
      country: 'KH',
      location: markup('Place'),
      acts: [
        {
          defenderId: ids.defender,
          violation: 'ARBITRARY_ARREST',
          perpetrators: ['POLICE'],
          notes: markup('Act notes'),
        },
      ],
      charges: [{ defenderId: ids.defender, law: markup('Law'), status: 'CHARGED' }],
      sources: [{ kind: 'NGO_REPORT', reliability: 'RELIABLE', description: markup('Source') }],
    })
  ).id;
  ids.advocacy = await created(client, '/api/advocacy', {
    kind: 'STATEMENT',
    title: markup('Statement'),
    date: '2024-05-01',
    venue: markup('Venue'),
    notes: markup('Advocacy notes'),
    incidentIds: [ids.incident],
    defenderIds: [ids.defender],
  });
  const file = await upload(client, `/api/incidents/${ids.incident}/attachments`, {
    bytes: Buffer.from('Statement of the defender (fictional)\n'),
    name: 'Evidence <img src=x onerror="window.__xss=(window.__xss||0)+1">.txt',
  });
  expect(file.status, await file.clone().text()).toBe(201);
  // (a file name loses everything up to its last slash, so it holds no </script>)
  evidenceName = (await json<{ name: string }>(file)).name;
  expect(evidenceName).toContain('<img src=x onerror=');

  const opened = await openPage(browser, app.url);
  page = opened.page;
  problems = opened.problems;
  await signInThroughPage(page, admin.email, admin.password);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('stored markup', { timeout: 180_000 }, () => {
  it.each([
    ['the defender list', (): string => '/defenders', ['Defender', 'Alias']],
    [
      'a defender',
      (): string => `/defenders/${ids.defender}`,
      ['Defender', 'Organisation', 'Incident'],
    ],
    ['the incident list', (): string => '/incidents', ['Incident']],
    [
      'an incident',
      (): string => `/incidents/${ids.incident}`,
      ['Incident', 'Summary', 'Place', 'Act notes', 'Law', 'Source'],
    ],
    ['the advocacy list', (): string => '/advocacy', ['Statement']],
    [
      'an advocacy action',
      (): string => `/advocacy/${ids.advocacy}`,
      ['Statement', 'Venue', 'Incident'],
    ],
  ] as const)(
    'when %s shows fields holding markup, then the markup is shown as text and runs nothing',
    async (_name, path, fields) => {
      await page.goto(path());
      for (const field of fields) await page.getByText(markup(field)).first().waitFor();
      if (path() === `/incidents/${ids.incident}`)
        await page.getByText(evidenceName).first().waitFor();
      expect(await page.evaluate(() => window.__xss)).toBeUndefined();
      expect(await page.locator('main img[src="x"], main script').count()).toBe(0);
      expect(problems).toEqual([]);
    },
  );
});
