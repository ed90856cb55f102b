import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@vigil/shared/enums';
import { startTestApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, openPage } from '../support/browser.ts';
import { createUser } from '../support/http.ts';
import { linksByRole } from '../support/navigation.ts';

// The sign-in page, the signed-in shell and the end of a session, in a real browser against
// the real app and database.

const roleLabels: Record<Role, string> = {
  ADMIN: 'Administrator',
  MANAGER: 'Manager',
  ADVOCACY: 'Advocacy officer',
  RESEARCHER: 'Researcher',
};

let app: TestApp;
let browser: Browser;
let closeContext: (() => Promise<void>) | undefined;
let problems: string[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp({ client: true }), launchBrowser()]);
});

afterEach(async () => {
  await closeContext?.();
  closeContext = undefined;
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function newPage(): Promise<Page> {
  const opened = await openPage(browser, app.url);
  closeContext = () => opened.context.close();
  problems = opened.problems;
  return opened.page;
}

async function fillSignIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

function sectionsNav(page: Page) {
  return page.getByRole('navigation', { name: 'Sections' });
}

// The home page greets the user by name, as the time of day suits.
function greeting(name: string) {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^Good (morning|afternoon|evening), ${escaped}$`);
}

function pageTitle(page: Page) {
  return page.getByRole('heading', { level: 1 });
}

function pathOf(page: Page) {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

describe('sign-in', { timeout: 300_000 }, () => {
  for (const role of Object.keys(linksByRole) as Role[]) {
    it(`when a user with role ${role} signs in, then the navigation shows exactly ${linksByRole[role].join(', ')}, and signing out ends the session`, async () => {
      const countries = role === 'RESEARCHER' ? ['KH', 'TH'] : [];
      const user = await createUser(app, { role, countries });
      const page = await newPage();

      await page.goto('/');
      await page.waitForURL((url) => url.pathname === '/login');
      await fillSignIn(page, user.email, user.password);

      await page.getByRole('heading', { level: 1, name: greeting(user.name) }).waitFor();
      expect(pathOf(page)).toBe('/');
      expect(await sectionsNav(page).getByRole('link').allTextContents()).toEqual(
        linksByRole[role],
      );
      // the top bar says who is signed in, with their role and countries
      const account = await page.getByRole('banner').innerText();
      expect(account).toContain(user.name);
      expect(account).toContain(roleLabels[role]);
      expect(account).toContain(
        role === 'RESEARCHER' ? 'Cambodia (KH), Thailand (TH)' : 'All countries',
      );

      // every link opens its section, which starts with its own title (not an error page)
      let previousTitle = await pageTitle(page).innerText();
      for (const label of linksByRole[role].slice(1)) {
        await sectionsNav(page).getByRole('link', { name: label }).click();
        await expect
          .poll(
            () => page.getByRole('link', { name: label, exact: true }).getAttribute('aria-current'),
            { message: `the ${label} link is the current page`, timeout: 15_000 },
          )
          .toBe('page');
        await expect
          .poll(() => pageTitle(page).innerText(), {
            message: `${label} opens with its title`,
            timeout: 15_000,
          })
          .not.toBe(previousTitle);
        previousTitle = await pageTitle(page).innerText();
        expect(previousTitle).not.toMatch(/^(Page not found|This page could not be shown)$/);
        expect(await page.getByText('Your role does not give access').count()).toBe(0);
      }

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/login' && url.search === '');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(await app.database.db.session.count({ where: { userId: user.id } })).toBe(0);

      // the way back in is closed too
      await page.goto('/defenders');
      await page.waitForURL((url) => url.pathname === '/login');
      expect(problems).toEqual([]);
    });
  }

  it('when a user without the right opens a section by its address, then the page says the role has no access', async () => {
    const user = await createUser(app, { role: 'RESEARCHER', countries: ['MM'] });
    const page = await newPage();
    await page.goto('/users');
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/users');
    await fillSignIn(page, user.email, user.password);

    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toBe(
      'Your role does not give access to Users.',
    );
    expect(await sectionsNav(page).getByRole('link', { name: 'Users' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('when the password is wrong, then the sign-in page shows the error and stays signed out', async () => {
    const user = await createUser(app, { role: 'MANAGER' });
    const page = await newPage();
    await page.goto('/login');
    await fillSignIn(page, user.email, 'not the password');

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toBe('Wrong email or password');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.context().cookies()).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('when the fields are empty, then the form names what is missing without calling the server', async () => {
    const page = await newPage();
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/auth/login')) requests.push(request.url());
    });
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByText('Enter your email address').waitFor();
    await page.getByText('Enter your password').waitFor();
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    expect(requests).toEqual([]);
  });

  it('when the session ends while the user is signed in, then the next navigation shows the sign-in page with the expired message, and signing in returns to the page', async () => {
    const user = await createUser(app, { role: 'RESEARCHER', countries: ['KH'] });
    const page = await newPage();
    await page.goto('/login');
    await fillSignIn(page, user.email, user.password);
    await page.getByRole('heading', { level: 1, name: greeting(user.name) }).waitFor();
    // The session ends on the server just as the incident list asks for its rows, so that no
    // other read (a stale query refetched while the machine is slow) meets the 401 first.
    await page.route(
      (url) => url.pathname === '/api/incidents',
      async (route) => {
        await app.database.db.session.deleteMany();
        await route.continue();
      },
      { times: 1 },
    );
    await sectionsNav(page).getByRole('link', { name: 'Incidents' }).click();

    await page.waitForURL((url) => url.pathname === '/login');
    expect(pathOf(page)).toBe(`/login?expired=1&next=${encodeURIComponent('/incidents')}`);
    expect(await page.getByRole('status').innerText()).toBe(
      'Your session has expired, please sign in again.',
    );

    await fillSignIn(page, user.email, user.password);
    await page.getByRole('heading', { level: 1, name: 'Incidents' }).waitFor();
    expect(pathOf(page)).toBe('/incidents');
    expect(problems).toEqual([]);
  });
});
