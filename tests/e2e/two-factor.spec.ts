import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, openPage, signInThroughPage } from '../support/browser.ts';
import { createUser } from '../support/http.ts';
import { codeAt } from '../support/two-factor.ts';

// Two-factor sign-in in a real browser: set up from the top bar (the QR code drawn under the
// app's own content security policy), then signing in with a code and with a recovery code; and
// a role that must use it, sent to set it up before anything else opens.

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([
    startTestApp({ client: true, twoFactorRequiredRoles: ['MANAGER'] }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await app?.close();
});

async function signedIn(user: { email: string; password: string }, options = {}) {
  const opened = await openPage(browser, app.url, options);
  contexts.push(opened.context);
  await signInThroughPage(opened.page, user.email, user.password);
  return opened;
}

// From the password to the recovery codes, on the two-factor page: the secret and the codes.
async function enrolThroughPage(page: Page, password: string) {
  await page.getByLabel(/^Your password\W*$/).fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('img', { name: 'QR code to add Vigil to your authenticator app' }).waitFor();
  const secret = (await page.getByTestId('two-factor-secret').innerText()).replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel(/^Code from the app\W*$/).fill(await codeAt(secret, Date.now()));
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  const list = page.getByRole('region', { name: 'Save your recovery codes' });
  await list.waitFor();
  const recoveryCodes = (await list.getByRole('listitem').allInnerTexts()).map((code) =>
    code.trim(),
  );
  return { secret, recoveryCodes };
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
}

async function passwordStep(page: Page, user: { email: string; password: string }) {
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Two-factor sign-in' }).waitFor();
}

describe('two-factor sign-in in the browser', { timeout: 180_000 }, () => {
  it('when a user sets it up from the top bar, then the recovery codes can be saved, and sign-in asks for a code or takes a recovery code', async () => {
    const user = await createUser(app, { role: 'RESEARCHER', countries: ['KH'] });
    const { page, problems } = await signedIn(user, { enforceCsp: true });

    await page.getByRole('link', { name: 'Two-factor sign-in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Two-factor sign-in' }).waitFor();
    await page.getByText('Off', { exact: true }).waitFor();
    const { secret, recoveryCodes } = await enrolThroughPage(page, user.password);
    expect(recoveryCodes).toHaveLength(10);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download (.txt)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('vigil-recovery-codes.txt');
    const saved = fs.readFileSync((await download.path())!, 'utf8');
    for (const code of recoveryCodes) expect(saved).toContain(code);

    const done = page.getByRole('button', { name: 'Done' });
    expect(await done.isDisabled()).toBe(true);
    await page.getByLabel('I have saved them').check();
    await done.click();
    await page.getByRole('status').filter({ hasText: 'Two-factor sign-in is on' }).waitFor();
    await page.getByText('On', { exact: true }).waitFor();
    expect(await page.content()).not.toContain(recoveryCodes[0]!);

    // a code from the app: a wrong one first, then the next one (the one that turned it on is
    // spent)
    await signOut(page);
    await passwordStep(page, user);
    const code = page.getByLabel('Code', { exact: true });
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    await code.fill('000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'That code is not right' }).waitFor();
    await code.fill(await codeAt(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();

    // a recovery code instead
    await signOut(page);
    await passwordStep(page, user);
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('when a manager must use it and has not set it up, then every page leads to setting it up, and once it is on, the others open', async () => {
    const user = await createUser(app, { role: 'MANAGER', countries: ['KH'] });
    const { context, page, problems } = await openPage(browser, app.url);
    contexts.push(context);
    // what the app asks that the API refuses it until two-factor sign-in is on
    const refused: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 403) refused.push(new URL(response.url()).pathname);
    });
    await signInThroughPage(page, user.email, user.password);
    await page.waitForURL('**/account/two-factor');
    await page.getByRole('status').filter({ hasText: 'Your role must use two-factor' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Defenders' })
      .click();
    await page.waitForURL('**/account/two-factor');
    expect(refused).toEqual([]);

    await enrolThroughPage(page, user.password);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('I have saved them').check();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('region', { name: 'Turn off two-factor sign-in' }).waitFor();
    expect(
      await page.getByRole('region', { name: 'Turn off two-factor sign-in' }).innerText(),
    ).toContain('cannot be turned off');

    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Defenders' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Defenders' }).waitFor();
    expect(problems).toEqual([]);
  });
});
