import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, openPage, signInThroughPage } from '../support/browser.ts';
import { createUser } from '../support/http.ts';

// A user's own password in a real browser: changed from the top bar, with the rules' refusals
// next to their fields, and then the only one that signs in; and an admin's reset of someone
// else's, whose one-time password is shown once and works.

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp({ client: true }), launchBrowser()]);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await app?.close();
});

async function signedIn(user: { email: string; password: string }) {
  const opened = await openPage(browser, app.url);
  contexts.push(opened.context);
  await signInThroughPage(opened.page, user.email, user.password);
  return opened;
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
}

describe('passwords in the browser', { timeout: 180_000 }, () => {
  it('when a user changes their password, then wrong input is explained next to its field, their other session ends, and only the new password signs in', async () => {
    const user = await createUser(app, { role: 'RESEARCHER', countries: ['KH'] });
    const elsewhere = await signedIn(user);
    const { page, problems } = await signedIn(user);

    await page.getByRole('link', { name: 'Change your password' }).click();
    const heading = page.getByRole('heading', { level: 1, name: 'Change your password' });
    // the pointer leaves the top bar's button, whose tooltip fades out
    await heading.hover();
    await page.getByRole('tooltip').waitFor({ state: 'detached' });
    expect(await seriousViolations(page)).toEqual([]);

    const current = page.getByLabel('Current password');
    const next = page.getByLabel(/^New password\W*$/);
    const again = page.getByLabel('New password again');
    const submit = page.getByRole('button', { name: 'Change the password' });

    // the shared rules, in the browser
    await current.fill(user.password);
    await next.fill('too short');
    await again.fill('not the same');
    await submit.click();
    await page.getByText('The password needs at least 15 characters').waitFor();
    await page.getByText('The two new passwords are not the same').waitFor();

    // the server's: a wrong current password, then a common one
    await current.fill('not my password at all');
    await next.fill('a passphrase only I know');
    await again.fill('a passphrase only I know');
    await submit.click();
    await page.getByText('This is not your current password').waitFor();
    await current.fill(user.password);
    await next.fill('qwertyuiop12345');
    await again.fill('qwertyuiop12345');
    await submit.click();
    await page.getByText('in a list of common or breached passwords').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await next.fill('a passphrase only I know');
    await again.fill('a passphrase only I know');
    await submit.click();
    await page.getByRole('status').filter({ hasText: 'Your password is changed' }).waitFor();
    expect(await current.inputValue()).toBe('');

    // this tab carries on in its fresh session; the other one is sent to sign in
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Defenders' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Defenders' }).waitFor();
    await elsewhere.page.reload();
    await elsewhere.page.getByRole('button', { name: 'Sign in' }).waitFor();

    await signOut(page);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();
    await signInThroughPage(page, user.email, 'a passphrase only I know');
    expect(problems).toEqual([]);
  });

  it("when an admin resets a user's password, then the user is signed out and signs in with the one-time password shown once", async () => {
    const admin = await createUser(app, { role: 'ADMIN' });
    const user = await createUser(app, {
      role: 'MANAGER',
      email: `reset.${Date.now()}@example.test`,
    });
    const owner = await signedIn(user);
    const { page, problems } = await signedIn(admin);

    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Users' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    const name = (await app.database.db.user.findUniqueOrThrow({ where: { id: user.id } })).name;
    await page.getByRole('button', { name: `Edit: ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Reset password' }).click();
    const confirm = page.getByRole('dialog', { name: `Reset the password of ${name}?` });
    expect(await confirm.innerText()).toContain('signed out everywhere');
    await confirm.getByRole('button', { name: 'Reset and sign them out' }).click();

    const handOver = page.getByRole('dialog', { name: `New password for ${name}` });
    const shown = handOver.getByTestId('one-time-password');
    await shown.waitFor();
    const oneTime = (await shown.innerText()).trim();
    expect(oneTime).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    expect(await seriousViolations(page)).toEqual([]);
    await handOver.getByRole('button', { name: 'I have handed it over' }).click();
    await handOver.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(oneTime);

    await owner.page.reload();
    await owner.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await signInThroughPage(owner.page, user.email, oneTime);
    expect(problems).toEqual([]);
  });
});
