import fs from 'node:fs/promises';
import Papa from 'papaparse';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VocabulariesOutput } from '@vigil/shared/schemas/vocabularies';
import {
  createDefender,
  incidentBody,
  json,
  postIncident,
  setStatus,
} from '../../server/src/modules/incidents/incidents.factories.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, openPage, signInThroughPage } from '../support/browser.ts';
import { createUser, signIn } from '../support/http.ts';

// The statistics dashboard in a real browser against the real app, over incidents logged
// through the API: its tables count them, its bars open the incident list filtered to them, its
// CSV holds the same numbers, and team activity is for managers only.

type Account = Awaited<ReturnType<typeof createUser>>;

let app: TestApp;
let browser: Browser;
let closeContext: (() => Promise<void>) | undefined;
let problems: string[] = [];

const people = {} as Record<'researcher' | 'manager' | 'advocacy', Account>;
let violationLabel: (code: string) => string;

// country, violation, perpetrator and defender of each incident logged for the test
const logged = [
  {
    title: 'Arrest of a woman journalist in Phnom Penh',
    country: 'KH',
    violation: 'ARBITRARY_ARREST',
    perpetrator: 'POLICE',
    gender: 'FEMALE',
  },
  {
    title: 'Lawsuit against a land rights defender',
    country: 'KH',
    violation: 'JUDICIAL_HARASSMENT',
    perpetrator: 'JUDICIARY',
    gender: 'FEMALE',
  },
  {
    title: 'Arrest of a union leader in Kandal',
    country: 'KH',
    violation: 'ARBITRARY_ARREST',
    perpetrator: 'POLICE',
    gender: 'MALE',
  },
  {
    title: 'Phone of a Bangkok lawyer tapped',
    country: 'TH',
    violation: 'SURVEILLANCE',
    perpetrator: 'INTELLIGENCE',
    gender: 'MALE',
  },
  {
    title: 'Arrest of a student organiser in Yangon',
    country: 'MM',
    violation: 'ARBITRARY_ARREST',
    perpetrator: 'MILITARY',
    gender: 'MALE',
  },
] as const;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp({ client: true }), launchBrowser()]);
  people.researcher = await createUser(app, { role: 'RESEARCHER' });
  people.manager = await createUser(app, { role: 'MANAGER' });
  people.advocacy = await createUser(app, { role: 'ADVOCACY' });
  const researcher = await signIn(app, people.researcher.email, people.researcher.password);

  for (const [index, incident] of logged.entries()) {
    const defender = await createDefender(app, {
      country: incident.country,
      createdById: people.researcher.id,
    });
    await app.database.db.defender.update({
      where: { id: defender.id },
      data: { gender: incident.gender },
    });
    const created = await postIncident(
      researcher,
      incidentBody(defender.id, {
        title: incident.title,
        country: incident.country,
        occurredOn: `2025-0${index + 1}-15`,
        acts: [
          {
            defenderId: defender.id,
            violation: incident.violation,
            perpetrators: [incident.perpetrator],
          },
        ],
      }),
    );
    // the Bangkok case verified, for the advocacy officer, who reads verified incidents only
    if (incident.country === 'TH') await setStatus(app, created, 'VERIFIED');
  }

  const vocabularies = await json<VocabulariesOutput>(await researcher.get('/api/vocabularies'));
  violationLabel = (code) =>
    vocabularies.violations.find((term) => term.code === code)?.label ?? code;
});

afterEach(async () => {
  await closeContext?.();
  closeContext = undefined;
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function dashboardOf(account: Account, search = ''): Promise<Page> {
  const opened = await openPage(browser, app.url);
  closeContext = () => opened.context.close();
  problems = opened.problems;
  const page = opened.page;
  await signInThroughPage(page, account.email, account.password);
  await page.goto(`/statistics${search}`);
  await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor();
  return page;
}

// A chart of the dashboard, once its bars are drawn.
async function chart(page: Page, title: string) {
  const region = page.getByRole('region', { name: title, exact: true });
  await region.locator('.recharts-bar-rectangle').first().waitFor();
  return region;
}

// The chart's table, shown by its toggle, as the text of each row's cells.
async function tableOf(region: Locator): Promise<string[][]> {
  await region.getByRole('switch', { name: 'Show as table' }).check();
  const table = region.getByRole('table');
  await table.waitFor();
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll('th, td'), (cell) => (cell.textContent ?? '').trim()),
      ),
    );
}

describe('statistics dashboard', { timeout: 300_000 }, () => {
  it('when a manager opens it, then its tables count the incidents logged, a CSV holds the same numbers, the team’s activity names the researcher, and nothing is inaccessible', async () => {
    const page = await dashboardOf(people.manager);

    const countries = await chart(page, 'By country');
    expect(await tableOf(countries)).toEqual([
      ['Cambodia (KH)', '3'],
      ['Myanmar (Burma) (MM)', '1'],
      ['Thailand (TH)', '1'],
    ]);

    const violations = await chart(page, 'By violation');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      violations.getByRole('button', { name: /^Download CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('incidents-by-violation.csv');
    const csv = await fs.readFile(await download.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Papa.parse<string[]>(csv.slice(1).trim()).data).toEqual([
      ['Violation', 'Incidents'],
      [violationLabel('ARBITRARY_ARREST'), '3'],
      [violationLabel('JUDICIAL_HARASSMENT'), '1'],
      [violationLabel('SURVEILLANCE'), '1'],
    ]);

    const pipeline = await chart(page, 'Workflow pipeline');
    expect(await tableOf(pipeline)).toEqual([
      ['Draft', '4'],
      ['Submitted', '0'],
      ['Verified', '1'],
      ['Archived', '0'],
    ]);

    const gender = page.getByRole('region', { name: 'By gender of the defender' });
    await gender.getByText('Women defenders: 2 incidents, 40% of all').waitFor();

    const team = await chart(page, 'Team activity');
    const week = await tableOf(team);
    // the week's Monday, the researcher, logged 5, nothing submitted, verified or returned
    expect(week).toHaveLength(1);
    expect(week[0]!.slice(1)).toEqual([people.researcher.name, '5', '0', '0', '0']);

    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('when a manager filtered to a violation selects a country’s bar, then the incident list opens filtered to both, with those incidents only', async () => {
    const page = await dashboardOf(people.manager, '?violation=ARBITRARY_ARREST');
    const countries = await chart(page, 'By country');
    expect(await tableOf(countries)).toEqual([
      ['Cambodia (KH)', '2'],
      ['Myanmar (Burma) (MM)', '1'],
    ]);

    // the first bar is the largest: Cambodia
    await countries.locator('.recharts-bar-rectangle').first().click();
    await page.getByRole('heading', { level: 1, name: 'Incidents' }).waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/incidents');
    expect([...url.searchParams].sort()).toEqual([
      ['country', 'KH'],
      ['violation', 'ARBITRARY_ARREST'],
    ]);
    const list = page.getByRole('table', { name: 'Incidents' });
    await list.getByText(logged[0].title).waitFor();
    expect((await list.getByRole('link').allInnerTexts()).join('\n')).toContain(logged[2].title);
    await page.getByText('2 incidents shown').waitFor();
    expect(problems).toEqual([]);
  });

  it('when an advocacy officer opens it, then the charts count only the incidents they may read and there is no team activity', async () => {
    const page = await dashboardOf(people.advocacy);
    // advocacy officers read verified and archived incidents only: the Bangkok case
    const countries = await chart(page, 'By country');
    expect(await tableOf(countries)).toEqual([['Thailand (TH)', '1']]);
    expect(await tableOf(page.getByRole('region', { name: 'Workflow pipeline' }))).toEqual([
      ['Draft', '0'],
      ['Submitted', '0'],
      ['Verified', '1'],
      ['Archived', '0'],
    ]);
    expect(await page.getByRole('region', { name: 'Team activity' }).count()).toBe(0);
    expect(await page.getByText('Team activity').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
