import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AdvocacyOutput } from '@vigil/shared/schemas/advocacy';
import type { DefenderOutput } from '@vigil/shared/schemas/defenders';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import { startTestApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, openPage, signInThroughPage } from '../support/browser.ts';
import { clientFor, type Client, type RoleClient } from '../support/http.ts';

// Advocacy actions in a real browser against the real app and database: an advocacy officer
// records a statement and links a verified incident and its defender by search, the action's
// page lists its cases, a researcher only reads, and an officer deletes only their own.

let app: TestApp;
let browser: Browser;
let closeContext: (() => Promise<void>) | undefined;
let problems: string[] = [];

let officer: RoleClient;
let otherOfficer: RoleClient;
let researcher: RoleClient;
let sovann: DefenderOutput;
let verified: IncidentOutput;
let draft: IncidentOutput;
let othersAction: AdvocacyOutput;

async function send<T>(client: Client, method: string, path: string, body: unknown): Promise<T> {
  const response = await client.request(method, path, body);
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

const source = (description: string) => ({
  kind: 'WITNESS_TESTIMONY',
  reliability: 'RELIABLE',
  description,
});

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp({ client: true }), launchBrowser()]);
  let manager: RoleClient;
  [officer, otherOfficer, researcher, manager] = await Promise.all([
    clientFor(app, 'ADVOCACY', []),
    clientFor(app, 'ADVOCACY', []),
    clientFor(app, 'RESEARCHER', ['KH']),
    clientFor(app, 'MANAGER', []),
  ]);
  sovann = await send(manager, 'POST', '/api/defenders', {
    displayName: 'Ly Sovann',
    aliases: ['លី សុវណ្ណ'],
    country: 'KH',
    consent: 'PUBLIC',
  });
  const body = (title: string, occurredOn: string) => ({
    title,
    summary: 'Police detained the defender after a land rights meeting.',
    occurredOn,
    country: 'KH',
    acts: [{ defenderId: sovann.id, violation: 'ARBITRARY_ARREST', perpetrators: ['POLICE'] }],
    sources: [source('A witness at the meeting'), source('A report by a local newspaper')],
  });
  const created = await send<IncidentOutput>(
    manager,
    'POST',
    '/api/incidents',
    body('Detention of Ly Sovann after the land meeting', '2024-11-02'),
  );
  const submitted = await send<IncidentOutput>(
    manager,
    'POST',
    `/api/incidents/${created.id}/transition`,
    { to: 'SUBMITTED', version: created.version },
  );
  verified = await send(manager, 'POST', `/api/incidents/${created.id}/transition`, {
    to: 'VERIFIED',
    version: submitted.version,
  });
  draft = await send(
    manager,
    'POST',
    '/api/incidents',
    body('Second detention of Ly Sovann, still a draft', '2025-01-15'),
  );
  othersAction = await send(otherOfficer, 'POST', '/api/advocacy', {
    kind: 'JOINT_LETTER',
    title: 'Joint letter on land rights defenders',
    date: '2025-02-10',
    venue: 'Ministry of Interior',
    incidentIds: [verified.id],
  });
});

afterEach(async () => {
  await closeContext?.();
  closeContext = undefined;
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function signedIn(user: { email: string; password: string }): Promise<Page> {
  const opened = await openPage(browser, app.url);
  closeContext = () => opened.context.close();
  problems = opened.problems;
  await signInThroughPage(opened.page, user.email, user.password);
  return opened.page;
}

function titles(page: Page) {
  return page.getByRole('table', { name: 'Advocacy actions' }).getByRole('link').allInnerTexts();
}

// axe runs four times per check (two widths, two schemes): slow on a busy machine
describe('advocacy', { timeout: 180_000 }, () => {
  it('when an advocacy officer records a statement and links a verified incident and its defender by search, then the action’s page lists them', async () => {
    const page = await signedIn(officer.user);
    await page.goto('/advocacy');
    await page.getByRole('heading', { level: 1, name: 'Advocacy' }).waitFor();
    await expect.poll(() => titles(page)).toEqual(['Joint letter on land rights defenders']);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'New advocacy action' }).click();
    await page.getByRole('heading', { level: 1, name: 'New advocacy action' }).waitFor();
    await page.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Statement' }).click();
    await page
      .getByRole('textbox', { name: 'Title' })
      .fill('Statement on the detention of Ly Sovann');
    await page.getByRole('textbox', { name: 'Date' }).fill('3 Mar 2025');
    await page.getByRole('textbox', { name: 'Venue' }).fill('Phnom Penh');

    // the incident search shows verified incidents only to an advocacy officer
    const incidents = page.getByRole('combobox', { name: 'Incidents' });
    await incidents.fill('sovann');
    await page.getByRole('option', { name: new RegExp(verified.reference) }).waitFor();
    expect(await page.getByRole('option', { name: new RegExp(draft.reference) }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('option', { name: new RegExp(verified.reference) }).click();
    await page
      .getByRole('button', {
        name: `Remove ${verified.reference} · Detention of Ly Sovann after the land meeting`,
      })
      .waitFor();

    // found by an alias in Khmer script
    await page.getByRole('combobox', { name: 'Defenders' }).fill('សុវណ្ណ');
    await page.getByRole('option', { name: /Ly Sovann/ }).click();
    await page.getByRole('button', { name: 'Remove Ly Sovann' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Record advocacy action' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Statement on the detention of Ly Sovann' })
      .waitFor();
    const linkedIncidents = page.getByRole('region', { name: /^Incidents/ });
    await linkedIncidents
      .getByRole('link', { name: 'Detention of Ly Sovann after the land meeting' })
      .waitFor();
    expect(await linkedIncidents.innerText()).toContain(verified.reference);
    const linkedDefenders = page.getByRole('region', { name: /^Defenders/ });
    await linkedDefenders.getByRole('link', { name: 'Ly Sovann' }).waitFor();
    // badges are in capitals
    expect(await linkedDefenders.innerText()).toMatch(/public/i);
    expect(await seriousViolations(page)).toEqual([]);

    const saved = await app.database.db.advocacyAction.findFirstOrThrow({
      where: { title: 'Statement on the detention of Ly Sovann' },
      include: { incidents: true, defenders: true },
    });
    expect(saved).toMatchObject({
      kind: 'STATEMENT',
      venue: 'Phnom Penh',
      createdById: officer.userId,
    });
    expect(saved.date.toISOString().slice(0, 10)).toBe('2025-03-03');
    expect(saved.incidents.map((link) => link.incidentId)).toEqual([verified.id]);
    expect(saved.defenders.map((link) => link.defenderId)).toEqual([sovann.id]);
    expect(problems).toEqual([]);
  });

  it('when a researcher opens advocacy, then everything is read-only: no New, Edit or Delete', async () => {
    const page = await signedIn(researcher.user);
    await page.goto('/advocacy');
    await page.getByRole('heading', { level: 1, name: 'Advocacy' }).waitFor();
    await expect
      .poll(() => titles(page))
      .toEqual(expect.arrayContaining(['Joint letter on land rights defenders']));
    expect(await page.getByRole('link', { name: 'New advocacy action' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Joint letter on land rights defenders' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Joint letter on land rights defenders' })
      .waitFor();
    await page
      .getByRole('region', { name: /^Incidents/ })
      .getByRole('link', { name: 'Detention of Ly Sovann after the land meeting' })
      .waitFor();
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto('/advocacy/new');
    await page
      .getByRole('alert')
      .filter({ hasText: 'Your role does not allow recording advocacy actions.' })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Record advocacy action' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('when an advocacy officer deletes their own action, then it asks first and the action leaves the list; another officer’s action offers no Delete', async () => {
    const own = await send<AdvocacyOutput>(officer, 'POST', '/api/advocacy', {
      kind: 'MEDIA',
      title: 'Radio interview on land defenders',
      date: '2025-04-01',
    });
    const page = await signedIn(officer.user);
    await page.goto(`/advocacy/${othersAction.id}`);
    await page
      .getByRole('heading', { level: 1, name: 'Joint letter on land rights defenders' })
      .waitFor();
    // officers may edit any action but delete only their own
    await page.getByRole('link', { name: 'Edit' }).waitFor();
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);

    await page.goto(`/advocacy/${own.id}`);
    await page
      .getByRole('heading', { level: 1, name: 'Radio interview on land defenders' })
      .waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this advocacy action?' });
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Delete advocacy action' }).click();
    await page.getByRole('heading', { level: 1, name: 'Advocacy' }).waitFor();
    await expect.poll(() => titles(page)).not.toContain('Radio interview on land defenders');
    const deleted = await app.database.db.advocacyAction.findUniqueOrThrow({
      where: { id: own.id },
    });
    expect(deleted.deletedAt).not.toBeNull();
    expect(problems).toEqual([]);
  });
});
