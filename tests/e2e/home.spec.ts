import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import {
  createDefender,
  incidentBody,
  json,
  postIncident,
} from '../../server/src/modules/incidents/incidents.factories.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, openPage, signInThroughPage } from '../support/browser.ts';
import { createUser, signIn, type Client } from '../support/http.ts';

// Each role's home page, in a real browser against the real app, over incidents and an
// advocacy action made through the API: what waits for each role is on their home page.

type Account = Awaited<ReturnType<typeof createUser>>;

let app: TestApp;
let browser: Browser;
let closeContext: (() => Promise<void>) | undefined;
let problems: string[] = [];

const people = {} as Record<'researcher' | 'manager' | 'advocacy' | 'admin', Account>;
const incidents = {} as Record<
  'draft' | 'returned' | 'waiting' | 'verified' | 'covered',
  IncidentOutput
>;
const returnComment = 'Please add the second witness and the date of the hearing.';
const statementTitle = 'Joint statement on the dam protests';
// text that would run as markup if a page ever rendered a title as HTML
const markupTitle =
  'Draft <img src=x onerror="window.__injected=1"> surveillance of a land activist';

const twoSources = [
  { kind: 'NGO_REPORT', reliability: 'RELIABLE', description: 'Report by a local organisation' },
  { kind: 'MEDIA_REPORT', reliability: 'FAIRLY_RELIABLE', description: 'Local newspaper' },
];

async function transition(client: Client, incident: IncidentOutput, to: string, comment?: string) {
  const response = await client.request('POST', `/api/incidents/${incident.id}/transition`, {
    to,
    version: incident.version,
    ...(comment ? { comment } : {}),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return json<IncidentOutput>(response);
}

function isoDay(offsetDays: number) {
  return new Date(Date.now() + offsetDays * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp({ client: true }), launchBrowser()]);
  people.researcher = await createUser(app, { role: 'RESEARCHER', countries: ['KH'] });
  people.manager = await createUser(app, { role: 'MANAGER' });
  people.advocacy = await createUser(app, { role: 'ADVOCACY' });
  people.admin = await createUser(app, { role: 'ADMIN' });
  const researcher = await signIn(app, people.researcher.email, people.researcher.password);
  const manager = await signIn(app, people.manager.email, people.manager.password);
  const advocacy = await signIn(app, people.advocacy.email, people.advocacy.password);

  const defender = await createDefender(app, {
    country: 'KH',
    createdById: people.researcher.id,
    displayName: 'Sok Chea',
  });
  const log = (title: string, sources: Record<string, unknown>[] = []) =>
    postIncident(researcher, incidentBody(defender.id, { title, sources }));

  incidents.draft = await log(markupTitle);
  incidents.returned = await transition(
    manager,
    await transition(researcher, await log('Arrest at the dam protest', twoSources), 'SUBMITTED'),
    'DRAFT',
    returnComment,
  );
  incidents.waiting = await transition(
    researcher,
    await log('Charges against a community journalist'),
    'SUBMITTED',
  );
  const verify = async (title: string) =>
    transition(
      manager,
      await transition(researcher, await log(title, twoSources), 'SUBMITTED'),
      'VERIFIED',
    );
  incidents.verified = await verify('Eviction of a village committee');
  incidents.covered = await verify('Raid on the office of a land rights group');

  const response = await advocacy.request('POST', '/api/advocacy', {
    kind: 'STATEMENT',
    title: statementTitle,
    date: isoDay(10),
    venue: 'Phnom Penh',
    incidentIds: [incidents.covered.id],
  });
  expect(response.status, await response.clone().text()).toBe(201);
});

afterEach(async () => {
  await closeContext?.();
  closeContext = undefined;
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function homeOf(account: Account): Promise<Page> {
  const opened = await openPage(browser, app.url);
  closeContext = () => opened.context.close();
  problems = opened.problems;
  const page = opened.page;
  await signInThroughPage(page, account.email, account.password);
  await page.getByRole('heading', { level: 1, name: new RegExp(`, ${account.name}$`) }).waitFor();
  return page;
}

// A block of the home page, once its list has loaded.
async function block(page: Page, title: string, expected: string) {
  const region = page.getByRole('region', { name: title });
  await region.getByText(expected, { exact: false }).first().waitFor();
  return region;
}

describe('home page', { timeout: 180_000 }, () => {
  it('when a researcher opens it, then it shows the incident returned to them with the reviewer’s comment, their draft (as plain text), and their latest changes', async () => {
    const page = await homeOf(people.researcher);

    const returned = await block(page, 'Sent back to you', returnComment);
    expect(await returned.innerText()).toContain('Arrest at the dam protest');
    await returned.getByRole('link', { name: /Arrest at the dam protest/ }).waitFor();
    expect(
      await returned.getByRole('link', { name: /Arrest at the dam protest/ }).getAttribute('href'),
    ).toBe(`/incidents/${incidents.returned.id}`);

    const drafts = await block(page, 'Your drafts', markupTitle);
    const draftText = await drafts.innerText();
    expect(draftText).toContain(incidents.draft.reference);
    // a returned incident is a draft too, but it is listed once, under "Sent back to you"
    expect(draftText).not.toContain('Arrest at the dam protest');
    expect(await page.evaluate(() => '__injected' in window)).toBe(false);

    const recent = await block(page, 'Your latest changes', 'Raid on the office');
    expect(await recent.getByRole('listitem').count()).toBe(5);

    await page.getByRole('link', { name: 'Log an incident' }).first().waitFor();
    expect(await page.getByText('Ctrl+K').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('when a manager opens it, then the navigation badge and the home page count the one incident waiting for review, and the team’s week names the researcher', async () => {
    const page = await homeOf(people.manager);

    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Review 1 waiting for review' })
      .waitFor();
    const queue = await block(page, 'Waiting for review', 'Charges against a community journalist');
    const queueText = await queue.innerText();
    expect(queueText).toContain('1 incident waits for review');
    expect(queueText).not.toContain('Arrest at the dam protest');
    expect(
      await queue.getByRole('link', { name: 'Open the review queue' }).getAttribute('href'),
    ).toBe('/review');

    const team = await block(page, 'The team this week', people.researcher.name);
    // logged 5, submitted 4, verified and returned none
    expect(
      await team.getByRole('row', { name: new RegExp(people.researcher.name) }).innerText(),
    ).toMatch(/\b5\s+4\s+0\s+0$/);
    // the manager verified two and returned one
    expect(await team.getByRole('row', { name: /\(you\)/ }).innerText()).toMatch(
      /\b0\s+0\s+2\s+1$/,
    );

    await block(page, 'Latest incidents', 'Raid on the office of a land rights group');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('when the manager follows up in the audit log, then the return names the incident by reference and title, with its comment, and the researcher by name', async () => {
    const page = await homeOf(people.manager);
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Audit' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const returned = page.getByRole('row').filter({ hasText: 'From Submitted to Draft' });
    await returned.getByText('Arrest at the dam protest').waitFor();
    const text = await returned.innerText();
    expect(text).toContain(incidents.returned.reference);
    expect(text).toContain(returnComment);
    // the manager returned it: the "who" cell says so
    expect(await returned.getByRole('cell').nth(1).innerText()).toBe('You');
    const created = page
      .getByRole('row')
      .filter({ hasText: 'Charges against a community journalist' })
      .filter({ hasText: 'New record' });
    expect(await created.innerText()).toContain(people.researcher.name);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('when an advocacy officer opens it, then it lists the verified incident no action covers yet, not the covered one, and the coming statement', async () => {
    const page = await homeOf(people.advocacy);

    const uncovered = await block(
      page,
      'Verified, not yet covered',
      'Eviction of a village committee',
    );
    expect(await uncovered.innerText()).not.toContain('Raid on the office');

    const coming = await block(page, 'Coming advocacy dates', statementTitle);
    expect(await coming.innerText()).toContain('Phnom Penh');
    expect(await page.getByRole('link', { name: 'Log an incident' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('when an admin opens it, then it shows the accounts by role, the newest accounts and the vocabularies', async () => {
    const page = await homeOf(people.admin);

    const accounts = await block(page, 'People', people.advocacy.name);
    const accountsText = await accounts.innerText();
    for (const role of ['Administrator', 'Manager', 'Advocacy officer', 'Researcher']) {
      expect(accountsText).toMatch(new RegExp(`${role}: 1\\b`, 'i'));
    }
    const vocabularies = await block(page, 'Vocabularies', 'Violations');
    expect(await vocabularies.innerText()).toMatch(/Violations\s+36 terms/);
    await block(page, 'Waiting for review', 'Charges against a community journalist');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
