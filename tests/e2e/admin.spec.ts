import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, openPage, signInThroughPage } from '../support/browser.ts';
import { createUser } from '../support/http.ts';

// An administrator's journey in a real browser: an account created with a one-time password
// that works once handed over, its role changed, a vocabulary term retired, the account
// deactivated (which signs its owner out), and all of it in the audit log.

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let adminPage: Page;
let adminProblems: string[];

const newcomer = { name: 'Dara Chan', email: `dara.chan.${Date.now()}@example.test` };
let newcomerPassword = '';
let newcomerPage: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp({ client: true }), launchBrowser()]);
  const admin = await createUser(app, { role: 'ADMIN' });
  const opened = await openPage(browser, app.url);
  contexts.push(opened.context);
  adminPage = opened.page;
  adminProblems = opened.problems;
  await signInThroughPage(adminPage, admin.email, admin.password);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await app?.close();
});

function nav(page: Page) {
  return page.getByRole('navigation', { name: 'Sections' });
}

// The row of the users table that holds this text.
function userRow(page: Page, text: string) {
  return page.getByRole('row').filter({ hasText: text });
}

// Opens the Edit menu of an account and picks one of its actions.
async function accountAction(page: Page, name: string, action: string) {
  await page.getByRole('button', { name: `Edit: ${name}` }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

describe('administration', { timeout: 180_000 }, () => {
  it('when an admin creates an account, then its one-time password is shown once and its owner signs in with it', async () => {
    const page = adminPage;
    await nav(page).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Add a user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a user' });
    await dialog.getByLabel('Email').fill(newcomer.email);
    await dialog.getByLabel('Name', { exact: true }).fill(newcomer.name);
    // the role stays Researcher; the countries are Cambodia and Thailand
    await dialog.getByLabel('Countries').click();
    await dialog.getByLabel('Countries').fill('Cambod');
    await page.getByRole('option', { name: 'Cambodia (KH)' }).click();
    await dialog.getByLabel('Countries').fill('Thail');
    await page.getByRole('option', { name: 'Thailand (TH)' }).click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Create the account' }).click();

    const handOver = page.getByRole('dialog', { name: `Account created for ${newcomer.name}` });
    const shown = handOver.getByTestId('one-time-password');
    await shown.waitFor();
    newcomerPassword = (await shown.innerText()).trim();
    expect(newcomerPassword).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    await handOver.getByRole('button', { name: 'Copy the password' }).waitFor();
    expect(await handOver.innerText()).toContain('It is shown only now');
    expect(await seriousViolations(page)).toEqual([]);

    const stored = await app.database.db.user.findUniqueOrThrow({
      where: { email: newcomer.email },
      select: { role: true, countries: true, passwordHash: true },
    });
    expect(stored).toMatchObject({ role: 'RESEARCHER', countries: ['KH', 'TH'] });
    expect(stored.passwordHash).not.toContain(newcomerPassword);

    await handOver.getByRole('button', { name: 'I have handed it over' }).click();
    await handOver.waitFor({ state: 'detached' });
    // shown once: gone from the page, and a new dialog starts a new account
    expect(await page.content()).not.toContain(newcomerPassword);
    await page.getByRole('button', { name: 'Add a user' }).click();
    await page.getByRole('dialog', { name: 'Add a user' }).getByLabel('Email').waitFor();
    expect(await page.content()).not.toContain(newcomerPassword);
    await page.getByRole('button', { name: 'Cancel' }).click();

    const row = userRow(page, newcomer.email);
    await row.waitFor();
    expect(await row.innerText()).toMatch(
      /Researcher[\s\S]*Cambodia \(KH\), Thailand \(TH\)[\s\S]*Active/,
    );

    const opened = await openPage(browser, app.url);
    contexts.push(opened.context);
    newcomerPage = opened.page;
    await signInThroughPage(newcomerPage, newcomer.email, newcomerPassword);
    await newcomerPage
      .getByRole('heading', { level: 1, name: new RegExp(`, ${newcomer.name}$`) })
      .waitFor();
    expect(opened.problems).toEqual([]);
  });

  it('when the admin changes the account’s role, then the list and the database show the new role', async () => {
    const page = adminPage;
    await accountAction(page, newcomer.name, 'Change role and countries');
    const dialog = page.getByRole('dialog', {
      name: `Change role and countries of ${newcomer.name}`,
    });
    await dialog.getByLabel('Role', { exact: true }).click();
    await page.getByRole('option', { name: 'Manager' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });

    await expect
      .poll(() => userRow(page, newcomer.email).innerText(), { timeout: 10_000 })
      .toMatch(/Manager/);
    const stored = await app.database.db.user.findUniqueOrThrow({
      where: { email: newcomer.email },
      select: { role: true, version: true },
    });
    expect(stored).toEqual({ role: 'MANAGER', version: 2 });
  });

  it('when the admin retires a vocabulary term, then it shows as retired and can be restored', async () => {
    const page = adminPage;
    await nav(page).getByRole('link', { name: 'Vocabularies' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vocabularies' }).waitFor();
    await page.getByRole('tab', { name: /Sectors/ }).click();
    await page.getByRole('button', { name: 'Retire “Students and youth”' }).click();
    const confirm = page.getByRole('dialog', { name: 'Retire “Students and youth”?' });
    expect(await confirm.innerText()).toContain('Records that use it keep it');
    await confirm.getByRole('button', { name: 'Retire the term' }).click();

    await page.getByRole('button', { name: 'Restore “Students and youth”' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'STUDENT_YOUTH' });
    // badges are set in capitals, which innerText reflects
    expect(await row.innerText()).toMatch(/retired/i);
    const term = await app.database.db.vocabularyTerm.findUniqueOrThrow({
      where: { vocabulary_code: { vocabulary: 'sectors', code: 'STUDENT_YOUTH' } },
      select: { retiredAt: true },
    });
    expect(term.retiredAt).not.toBeNull();
    expect(new URL(page.url()).searchParams.get('vocabulary')).toBe('sectors');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('when the admin adds a term, then it is listed with its code and description', async () => {
    const page = adminPage;
    await page.getByRole('button', { name: 'Add a term' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a term to Sectors' });
    await dialog.getByLabel('Label').fill('Disability rights');
    expect(await dialog.getByLabel('Code').inputValue()).toBe('DISABILITY_RIGHTS');
    await dialog.getByLabel('Description').fill('Defenders of the rights of disabled people');
    await dialog.getByRole('button', { name: 'Add the term' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: 'DISABILITY_RIGHTS' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Defenders of the rights of disabled people');
  });

  it('when the admin deactivates the account, then its owner is signed out at once and the audit log tells the story', async () => {
    const page = adminPage;
    await nav(page).getByRole('link', { name: 'Users' }).click();
    await userRow(page, newcomer.email).waitFor();
    await accountAction(page, newcomer.name, 'Deactivate');
    const confirm = page.getByRole('dialog', { name: `Deactivate ${newcomer.name}?` });
    expect(await confirm.innerText()).toContain('signed out everywhere at once');
    await confirm.getByRole('button', { name: 'Deactivate and sign them out' }).click();

    await expect
      .poll(() => userRow(page, newcomer.email).innerText(), { timeout: 10_000 })
      .toMatch(/Deactivated/);
    const stored = await app.database.db.user.findUniqueOrThrow({
      where: { email: newcomer.email },
      select: { id: true, active: true },
    });
    expect(stored.active).toBe(false);
    expect(await app.database.db.session.count({ where: { userId: stored.id } })).toBe(0);

    await nav(newcomerPage).getByRole('link', { name: 'Incidents' }).click();
    await newcomerPage.waitForURL((url) => url.pathname === '/login');

    await nav(page).getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    // the row is drawn at once and names the account when the accounts have loaded
    await page
      .getByRole('row')
      .filter({ hasText: 'Changed role: Researcher → Manager' })
      .filter({ hasText: `Account of ${newcomer.name}` })
      .waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: 'Changed account status: Active → Deactivated' })
      .waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: '“Students and youth” in Sectors' })
      .first()
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // the filters live in the address: only the changes, in a link that can be shared
    await page.getByRole('combobox', { name: 'What happened' }).click();
    await page.getByRole('option', { name: 'Changed' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => new URL(page.url()).searchParams.getAll('action')).toEqual(['UPDATE']);
    await expect
      .poll(async () =>
        (await page.getByRole('row').allInnerTexts())
          .slice(1)
          .every((text) => text.includes('Changed')),
      )
      .toBe(true);
    expect(adminProblems).toEqual([]);
  });
});
