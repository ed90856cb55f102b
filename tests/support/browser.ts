import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Debian's Chromium driven by playwright-core: `npx playwright install` cannot download on
// these machines (DESIGN.md, "The machines are offline").
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

// A fresh context (its own cookies) per test. `problems` collects uncaught page errors and
// console errors, so that a test can fail on a broken page; the browser's own "Failed to load
// resource" lines are left out, as expected 401s (signed out, wrong password) log them.
export async function openPage(
  browser: Browser,
  baseURL: string,
  // the app's content security policy enforced, and axe left out (security-headers.spec.ts)
  { enforceCsp = false } = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  // bypassCSP: axe-core is injected into the page (tests/support/axe.ts)
  const context = await browser.newContext({
    baseURL,
    bypassCSP: !enforceCsp,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error' || message.text().startsWith('Failed to load resource')) return;
    problems.push(`console error: ${message.text()}`);
  });
  return { context, page, problems };
}

// Signs in through the sign-in page and waits for the signed-in shell.
export async function signInThroughPage(page: Page, email: string, password: string) {
  if (!new URL(page.url()).pathname.startsWith('/login')) await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
}
