import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, openPage, signInThroughPage } from '../support/browser.ts';
import { createUser, signIn } from '../support/http.ts';

// Logging an incident in one flow, and two people editing one incident, in a real browser
// against the real app and database.

let app: TestApp;
let browser: Browser;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp({ client: true }), launchBrowser()]);
});

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function newPage(): Promise<{ page: Page; problems: string[] }> {
  const opened = await openPage(browser, app.url);
  closers.push(() => opened.context.close());
  return { page: opened.page, problems: opened.problems };
}

const pathOf = (page: Page) => new URL(page.url()).pathname;

// Mantine's Select and MultiSelect: open the combobox, pick the option.
async function choose(page: Page, field: string, option: string | RegExp, index = 0) {
  await page.getByRole('combobox', { name: field }).nth(index).click();
  await page.getByRole('option', { name: option }).first().click();
}

function saveStatus(page: Page) {
  return page.getByRole('status').filter({ hasText: /saved|Saving|Not saved|Offline|first/ });
}

const incidentIdIn = (page: Page) => /^\/incidents\/([0-9a-f-]{36})\/edit$/.exec(pathOf(page))?.[1];

describe('incident form', { timeout: 240_000 }, () => {
  it('when a researcher logs an incident with a new defender whose name is near an existing one, then they see the duplicate warning, their typing survives a reload, the draft saves itself and they submit it for review', async () => {
    const researcher = await createUser(app, { role: 'RESEARCHER', countries: ['KH'] });
    const api = await signIn(app, researcher.email, researcher.password);
    const seeded = await api.request('POST', '/api/defenders', {
      displayName: 'Sok Chenda',
      country: 'KH',
      organisation: 'Koh Kong Land Network',
    });
    expect(seeded.status).toBe(201);
    const existing = (await seeded.json()) as { id: string };

    const { page, problems } = await newPage();
    await signInThroughPage(page, researcher.email, researcher.password);
    await page.goto('/incidents/new');
    await page.getByRole('heading', { level: 1, name: 'Log an incident' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // saving an empty form names what is missing, at the top and next to each field
    await page.getByRole('button', { name: 'Save draft' }).click();
    const problemsSummary = page.getByRole('alert').filter({ hasText: 'Please correct' });
    await problemsSummary.getByRole('link', { name: 'Title: Enter a title.' }).waitFor();
    expect(await seriousViolations(page, 'error summary')).toEqual([]);

    await page.getByRole('textbox', { name: 'Title' }).fill('Land activist arrested after protest');
    await page
      .getByRole('textbox', { name: 'Summary' })
      .fill('Police arrested her at the provincial hall after a peaceful protest.');
    await page.getByRole('textbox', { name: 'Date' }).fill('12 Mar 2024');
    await page.getByRole('textbox', { name: 'Date' }).press('Tab');
    // a researcher of one country logs in that country
    expect(await page.getByRole('combobox', { name: 'Country' }).inputValue()).toBe(
      'Cambodia (KH)',
    );

    // a new defender, with nearly the name of one already recorded
    await page.getByRole('button', { name: 'Record a new defender' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a new defender' });
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Sok Chendaa');
    const warning = dialog.getByRole('region', { name: 'This person may already be recorded' });
    await warning.waitFor();
    expect(await warning.innerText()).toContain('Sok Chenda');
    expect(await warning.innerText()).toContain('Koh Kong Land Network');
    expect(await seriousViolations(page, 'duplicate warning')).toEqual([]);
    await dialog.getByRole('button', { name: 'This is a different person: record them' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 3, name: 'Sok Chendaa' }).waitFor();

    await choose(page, 'Violation', 'Arbitrary arrest');
    await choose(page, 'Perpetrators', /^Police/);
    await choose(page, 'Perpetrators', /^Local authorities/);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Add a source' }).click();
    await choose(page, 'Kind of source', 'Witness testimony');
    await page
      .getByRole('textbox', { name: 'What the source says' })
      .fill('A neighbour saw the arrest from the market.');

    // half-way: a reload keeps every bit of the typing
    await page.reload();
    await page.getByText(/^Restored your unsaved changes from/).waitFor();
    expect(await page.getByRole('textbox', { name: 'Title' }).inputValue()).toBe(
      'Land activist arrested after protest',
    );
    expect(await page.getByRole('textbox', { name: 'Date' }).inputValue()).toBe('12 Mar 2024');
    expect(await page.getByRole('combobox', { name: 'Violation' }).inputValue()).toBe(
      'Arbitrary arrest',
    );
    expect(await page.getByRole('heading', { level: 3, name: 'Sok Chendaa' }).count()).toBe(1);
    expect(await page.getByRole('textbox', { name: 'What the source says' }).inputValue()).toBe(
      'A neighbour saw the arrest from the market.',
    );
    expect(await seriousViolations(page, 'restored form')).toEqual([]);

    await page.getByRole('button', { name: 'Add another source' }).click();
    await choose(page, 'Kind of source', 'Media report', 1);
    await page
      .getByRole('textbox', { name: 'What the source says' })
      .nth(1)
      .fill('Local newspaper report of the same day.');

    // the draft saves itself once it can be created, and the address becomes its edit page
    await expect.poll(() => incidentIdIn(page), { timeout: 20_000 }).toBeTruthy();
    const id = incidentIdIn(page)!;
    const readDraft = () =>
      app.database.db.incident.findUniqueOrThrow({
        where: { id },
        include: { acts: true, sources: true },
      });
    await expect.poll(async () => (await readDraft()).sources.length, { timeout: 20_000 }).toBe(2);
    // everything typed is saved: no incomplete row is waiting
    await saveStatus(page)
      .filter({ hasText: /^Draft saved [^.]+\.$/ })
      .waitFor();
    const draft = await readDraft();
    expect(draft.status).toBe('DRAFT');
    expect(draft.createdById).toBe(researcher.id);
    expect(draft.acts).toHaveLength(1);
    expect(draft.acts[0]!.perpetrators).toEqual(['POLICE', 'LOCAL_AUTHORITIES']);
    expect(draft.sources.map((source) => source.kind).sort()).toEqual([
      'MEDIA_REPORT',
      'WITNESS_TESTIMONY',
    ]);
    const recorded = await app.database.db.defender.findMany({
      where: { displayName: { startsWith: 'Sok Chend' } },
      select: { id: true, displayName: true },
    });
    expect(recorded.map((defender) => defender.displayName).sort()).toEqual([
      'Sok Chenda',
      'Sok Chendaa',
    ]);
    expect(draft.acts[0]!.defenderId).not.toBe(existing.id);
    expect(await seriousViolations(page, 'saved draft')).toEqual([]);

    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.waitForURL((url) => url.pathname === `/incidents/${id}`);
    await expect
      .poll(
        async () => (await app.database.db.incident.findUniqueOrThrow({ where: { id } })).status,
      )
      .toBe('SUBMITTED');
    // nothing of the incident is left in the tab, nor ever in localStorage
    // (React Router keeps its scroll positions there, nothing of a record)
    expect(
      await page.evaluate(() => [
        Object.keys(sessionStorage).filter((key) => key !== 'react-router-scroll-positions'),
        localStorage.length,
      ]),
    ).toEqual([[], 0]);
    expect(problems).toEqual([]);
  });

  it('when the session expires while the user types, then the save sends them to sign in and back to the form with their typing intact', async () => {
    const researcher = await createUser(app, { role: 'RESEARCHER', countries: ['KH'] });
    const api = await signIn(app, researcher.email, researcher.password);
    await api.request('POST', '/api/defenders', { displayName: 'Meas Sophea', country: 'KH' });

    const { page, problems } = await newPage();
    await signInThroughPage(page, researcher.email, researcher.password);
    await page.goto('/incidents/new');
    await page.getByRole('textbox', { name: 'Title' }).fill('Journalist threatened by phone');
    await page
      .getByRole('textbox', { name: 'Summary' })
      .fill('Anonymous calls warned her to stop reporting on the dam.');
    await page.getByRole('textbox', { name: 'Date' }).fill('3 Feb 2025');
    await page.getByRole('textbox', { name: 'Date' }).press('Tab');
    await page.getByRole('textbox', { name: 'Add a defender' }).fill('Meas');
    await page.getByRole('option', { name: /Meas Sophea/ }).click();
    await page.getByRole('heading', { level: 3, name: 'Meas Sophea' }).waitFor();

    // the session ends (idle timeout, signed out elsewhere) while the typing goes on
    await app.database.db.session.deleteMany({ where: { userId: researcher.id } });
    await choose(page, 'Violation', 'Death threat');

    // the autosave is refused: sign in again, and come back to the same form
    await page.waitForURL((url) => url.pathname === '/login', { timeout: 20_000 });
    expect(new URL(page.url()).searchParams.get('next')).toBe('/incidents/new');
    await signInThroughPage(page, researcher.email, researcher.password);
    await page.waitForURL(
      (url) => url.pathname === '/incidents/new' || /\/edit$/.test(url.pathname),
    );
    await page.getByText(/^Restored your unsaved changes from/).waitFor();
    expect(await page.getByRole('textbox', { name: 'Title' }).inputValue()).toBe(
      'Journalist threatened by phone',
    );
    expect(await page.getByRole('combobox', { name: 'Violation' }).inputValue()).toBe(
      'Death threat',
    );
    expect(await page.getByRole('heading', { level: 3, name: 'Meas Sophea' }).count()).toBe(1);

    // and the draft, restored, saves itself
    await expect.poll(() => incidentIdIn(page), { timeout: 20_000 }).toBeTruthy();
    const saved = await app.database.db.incident.findUniqueOrThrow({
      where: { id: incidentIdIn(page)! },
      include: { acts: true },
    });
    expect(saved.title).toBe('Journalist threatened by phone');
    expect(saved.acts.map((act) => act.violation)).toEqual(['DEATH_THREAT']);
    expect(problems).toEqual([]);
  });

  it('when two people edit one incident at once, then the one who saves second gets the conflict screen, chooses field by field, and the save keeps both changes', async () => {
    const researcher = await createUser(app, { role: 'RESEARCHER', countries: ['KH'] });
    const manager = await createUser(app, { role: 'MANAGER', countries: ['KH'] });
    const api = await signIn(app, researcher.email, researcher.password);
    const defender = (await (
      await api.request('POST', '/api/defenders', { displayName: 'Chan Dara', country: 'KH' })
    ).json()) as { id: string };
    const created = await api.request('POST', '/api/incidents', {
      title: 'Office raided',
      summary: 'Police searched the office.',
      occurredOn: '2024-05-02',
      country: 'KH',
      acts: [{ defenderId: defender.id, violation: 'RAID_SEARCH', perpetrators: ['POLICE'] }],
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const first = await newPage();
    const second = await newPage();
    await signInThroughPage(first.page, researcher.email, researcher.password);
    await signInThroughPage(second.page, manager.email, manager.password);
    for (const { page } of [first, second]) {
      await page.goto(`/incidents/${id}/edit`);
      await page.getByRole('textbox', { name: 'Title' }).waitFor();
      // the defender is named (read by id), never shown as an id
      await page.getByRole('heading', { level: 3, name: 'Chan Dara' }).waitFor();
    }

    // the researcher saves first
    await first.page
      .getByRole('textbox', { name: 'Title' })
      .fill('Office of the land network raided');
    await saveStatus(first.page)
      .filter({ hasText: /^Draft saved/ })
      .waitFor({ timeout: 20_000 });

    // the manager, still on the old version, changes the summary
    await second.page
      .getByRole('textbox', { name: 'Summary' })
      .fill('Police searched the office and took two laptops.');
    const review = second.page.getByRole('alert').filter({
      hasText: 'Someone else saved this incident while you were editing',
    });
    await review.waitFor({ timeout: 20_000 });
    const text = await review.innerText();
    expect(text).toContain('Title');
    expect(text).toContain('Office of the land network raided');
    expect(text).toContain('Summary');
    expect(text).toContain('took two laptops');
    expect(await seriousViolations(second.page, 'conflict screen')).toEqual([]);

    // their title, the manager's summary (as proposed), applied without retyping
    await review.getByRole('button', { name: 'Apply these choices' }).click();
    await review.waitFor({ state: 'detached' });
    await saveStatus(second.page)
      .filter({ hasText: /^Draft saved/ })
      .waitFor({ timeout: 20_000 });

    const saved = await app.database.db.incident.findUniqueOrThrow({ where: { id } });
    expect(saved.title).toBe('Office of the land network raided');
    expect(saved.summary).toBe('Police searched the office and took two laptops.');
    expect(saved.version).toBe(3);
    expect(await second.page.getByRole('textbox', { name: 'Title' }).inputValue()).toBe(
      'Office of the land network raided',
    );
    expect(first.problems).toEqual([]);
    expect(second.problems).toEqual([]);
  });
});
