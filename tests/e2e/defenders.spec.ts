import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DefenderOutput } from '@vigil/shared/schemas/defenders';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import { startTestApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, openPage, signInThroughPage } from '../support/browser.ts';
import { clientFor, type Client, type RoleClient } from '../support/http.ts';
import { openedDefender } from '../support/sealed-values.ts';

// The defender list, a defender's page and the defender form, in a real browser against the
// real app and database: search by name and alias kept in the address, sensitive values
// masked until asked for (and that asking audited once), another researcher's sensitive values
// never in the page, the timeline newest first, the duplicate warning and the conflict review.

let app: TestApp;
let browser: Browser;
let closeContext: (() => Promise<void>) | undefined;
let problems: string[] = [];

let researcher: RoleClient; // records Chea Vannak and his incidents
let otherResearcher: RoleClient; // same country, records Keo Sophal
let manager: RoleClient;
let chea: DefenderOutput;
let keo: DefenderOutput;

const cheaSensitive = {
  legalName: 'Chea Vannak Sokhom',
  contact: 'Signal +855 12 000 111',
  region: 'Kampot province',
};
const keoLegalName = 'Keo Sophal Rithy';

async function post<T>(client: Client, path: string, body: unknown): Promise<T> {
  const response = await client.request('POST', path, body);
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

function incident(fields: Record<string, unknown>) {
  return {
    summary: 'Fishers were stopped on the river by the police.',
    country: 'KH',
    acts: [{ defenderId: chea.id, violation: 'ARBITRARY_ARREST', perpetrators: ['POLICE'] }],
    ...fields,
  };
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp({ client: true }), launchBrowser()]);
  [researcher, otherResearcher, manager] = await Promise.all([
    clientFor(app, 'RESEARCHER', ['KH', 'TH']),
    clientFor(app, 'RESEARCHER', ['KH']),
    clientFor(app, 'MANAGER', []),
  ]);
  chea = await post(researcher, '/api/defenders', {
    displayName: 'Chea Vannak',
    aliases: ['ជា វណ្ណៈ', 'The Boatman of Kampot'],
    country: 'KH',
    sectors: ['COMMUNITY_BASED'],
    riskLevel: 'HIGH',
    consent: 'ANONYMISED',
    ...cheaSensitive,
  });
  keo = await post(otherResearcher, '/api/defenders', {
    displayName: 'Keo Sophal',
    country: 'KH',
    legalName: keoLegalName,
  });
  await post(researcher, '/api/defenders', {
    displayName: 'Somsak Rakthai',
    country: 'TH',
    riskLevel: 'HIGH',
  });
  await post(manager, '/api/defenders', { displayName: 'Nguyen Thi Lan', country: 'VN' });

  await post<IncidentOutput>(
    researcher,
    '/api/incidents',
    incident({ title: 'Arrest of Chea Vannak on the river', occurredOn: '2019-03-10' }),
  );
  await post<IncidentOutput>(
    researcher,
    '/api/incidents',
    incident({
      title: 'Threats against the Kampot boatmen',
      occurredOn: '2023-08-01',
      datePrecision: 'MONTH',
      charges: [
        {
          defenderId: chea.id,
          law: 'Criminal Code, art. 494',
          status: 'CHARGED',
          filedOn: '2023-09-04',
        },
      ],
    }),
  );
  await post<IncidentOutput>(
    researcher,
    '/api/incidents',
    incident({
      title: 'Surveillance of the Kampot fishers',
      occurredOn: '2021-01-01',
      datePrecision: 'YEAR',
    }),
  );
  const advocacy = await clientFor(app, 'ADVOCACY', []);
  await post(advocacy, '/api/advocacy', {
    kind: 'URGENT_APPEAL',
    title: 'Urgent appeal for the Kampot boatmen',
    date: '2024-02-01',
    defenderIds: [chea.id],
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

function names(page: Page) {
  return page.getByRole('table', { name: 'Defenders' }).getByRole('link').allInnerTexts();
}

function readSensitiveEvents(defenderId: string) {
  return app.database.db.auditEvent.findMany({
    where: { entity: 'Defender', entityId: defenderId, action: 'READ_SENSITIVE' },
  });
}

// axe runs four times per check (two widths, two schemes): slow on a busy machine
describe('defenders', { timeout: 180_000 }, () => {
  it('when a researcher searches by name and by alias, then the matching defenders show, and the address keeps the filters across a reload', async () => {
    const page = await signedIn(researcher.user);
    await page.goto('/defenders');
    await page.getByRole('heading', { level: 1, name: 'Defenders' }).waitFor();
    await expect
      .poll(() => names(page))
      .toEqual(expect.arrayContaining(['Chea Vannak', 'Keo Sophal', 'Somsak Rakthai']));
    // a Vietnamese defender is outside a researcher of Cambodia and Thailand
    expect(await names(page)).not.toContain('Nguyen Thi Lan');
    expect(await seriousViolations(page)).toEqual([]);

    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('vannak');
    await page.waitForURL((url) => url.searchParams.get('q') === 'vannak');
    await expect.poll(() => names(page)).toEqual(['Chea Vannak']);

    await search.fill('boatman');
    await page.waitForURL((url) => url.searchParams.get('q') === 'boatman');
    await expect.poll(() => names(page)).toEqual(['Chea Vannak']);
    await search.fill('វណ្ណៈ');
    await page.waitForURL((url) => url.searchParams.get('q') === 'វណ្ណៈ');
    await expect.poll(() => names(page)).toEqual(['Chea Vannak']);

    await search.fill('');
    await page.waitForURL((url) => !url.searchParams.has('q'));
    await page.getByRole('combobox', { name: 'Risk level' }).click();
    await page.getByRole('option', { name: 'High risk' }).click();
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => url.searchParams.get('riskLevel') === 'HIGH');
    await expect.poll(() => names(page)).toEqual(['Somsak Rakthai', 'Chea Vannak']);
    await search.fill('somsak');
    await page.waitForURL((url) => url.searchParams.get('q') === 'somsak');
    await expect.poll(() => names(page)).toEqual(['Somsak Rakthai']);

    await page.reload();
    await page.getByRole('button', { name: 'Remove filter High risk' }).waitFor();
    expect(await page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('somsak');
    await expect.poll(() => names(page)).toEqual(['Somsak Rakthai']);
    expect(await seriousViolations(page)).toEqual([]);

    // removing a chip widens the list again, and the address follows
    await page.getByRole('button', { name: 'Remove filter Search: somsak' }).click();
    await page.waitForURL((url) => !url.searchParams.has('q'));
    await expect.poll(() => names(page)).toEqual(['Somsak Rakthai', 'Chea Vannak']);
    expect(problems).toEqual([]);
  });

  it('when a manager opens a defender, then the sensitive details are masked until Show, and showing them writes exactly one READ_SENSITIVE event', async () => {
    const page = await signedIn(manager.user);
    await page.goto(`/defenders/${chea.id}`);
    await page.getByRole('heading', { level: 1, name: 'Chea Vannak' }).waitFor();
    const details = page.getByRole('region', { name: 'Sensitive details' });
    await details.getByText('Legal name hidden').waitFor();
    const html = await page.content();
    for (const value of Object.values(cheaSensitive)) expect(html).not.toContain(value);
    expect(await readSensitiveEvents(chea.id)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);

    await details.getByRole('button', { name: 'Show legal name, contact and region' }).click();
    await details.getByText(cheaSensitive.legalName).waitFor();
    await details.getByText(cheaSensitive.contact).waitFor();
    await details.getByText(cheaSensitive.region).waitFor();
    await details.getByText('Your viewing was recorded in the audit log.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // leaving the window and coming back does not read them again
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.waitForTimeout(500);
    const events = await readSensitiveEvents(chea.id);
    expect(events.map((event) => event.actorId)).toEqual([manager.userId]);
    expect(problems).toEqual([]);
  });

  it('when a researcher opens another researcher’s defender, then nothing sensitive can be shown or is in the page; on their own defender, Show reveals it', async () => {
    const page = await signedIn(otherResearcher.user);
    await page.goto(`/defenders/${chea.id}`);
    await page.getByRole('heading', { level: 1, name: 'Chea Vannak' }).waitFor();
    const details = page.getByRole('region', { name: 'Sensitive details' });
    await details.getByText('Legal name hidden').waitFor();
    await details.getByText('Your role does not show these details for this defender.').waitFor();
    expect(await page.getByRole('button', { name: /^Show/ }).count()).toBe(0);
    const html = await page.content();
    for (const value of Object.values(cheaSensitive)) expect(html).not.toContain(value);
    // not theirs to change either
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`/defenders/${keo.id}`);
    await page.getByRole('heading', { level: 1, name: 'Keo Sophal' }).waitFor();
    expect(await page.content()).not.toContain(keoLegalName);
    await page.getByRole('button', { name: 'Show legal name, contact and region' }).click();
    await page.getByText(keoLegalName).waitFor();
    expect((await readSensitiveEvents(keo.id)).map((event) => event.actorId)).toEqual([
      otherResearcher.userId,
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('when a defender’s page opens, then the timeline lists their advocacy, charges and incidents newest first', async () => {
    const page = await signedIn(researcher.user);
    await page.goto(`/defenders/${chea.id}`);
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.waitFor();
    const entries = await timeline.getByRole('listitem').allInnerTexts();
    // the kind of each entry is shown in capitals
    expect(entries.map((entry) => entry.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^1 Feb 2024 Urgent appeal Urgent appeal for the Kampot boatmen/i),
      expect.stringMatching(/^4 Sept? 2023 Charge filed Criminal Code, art\. 494 Charged/i),
      expect.stringMatching(/^August 2023 Incident KH-2023-\d{8} Threats against the Kampot/i),
      expect.stringMatching(/^2021 Incident KH-2021-\d{8} Surveillance of the Kampot fishers/i),
      expect.stringMatching(/^10 Mar 2019 Incident KH-2019-\d{8} Arrest of Chea Vannak/i),
    ]);
    expect(entries[4]).toContain('Arbitrary arrest');
    await timeline.getByRole('link', { name: 'Urgent appeal for the Kampot boatmen' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('when a researcher adds a defender whose name is like one already recorded, then the likely duplicate is listed first, and adding anyway opens the new defender', async () => {
    const page = await signedIn(researcher.user);
    await page.goto('/defenders');
    await page.getByRole('link', { name: 'Add a defender' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a defender' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // nothing typed: the form says what is missing, next to the field and at the top
    await page.getByRole('button', { name: 'Add defender' }).click();
    await page.getByRole('alert').filter({ hasText: 'Please correct 2 problems' }).waitFor();
    await page.getByText('Enter the name the defender is known by').first().waitFor();

    await page.getByRole('textbox', { name: 'Display name' }).fill('Chea Vanak');
    await page.getByRole('combobox', { name: 'Country' }).click();
    await page.getByRole('option', { name: 'Cambodia (KH)' }).click();
    await page.getByRole('textbox', { name: 'Legal name' }).fill('Chea Vanak Bopha');
    const warning = page.getByRole('status').filter({ hasText: 'similar name' });
    await warning.getByRole('link', { name: /Chea Vannak/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Add defender' }).click();
    const asked = page.getByRole('alert').filter({ hasText: 'similar name' });
    await asked.getByRole('button', { name: 'None of these: add a new defender' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chea Vanak' }).waitFor();
    const created = await app.database.db.defender.findFirstOrThrow({
      where: { displayName: 'Chea Vanak' },
    });
    expect(openedDefender(app, created)).toMatchObject({
      country: 'KH',
      legalName: 'Chea Vanak Bopha',
      consent: 'CONFIDENTIAL',
      createdById: researcher.userId,
    });
    expect(new URL(page.url()).pathname).toBe(`/defenders/${created.id}`);
    expect(problems).toEqual([]);
  });

  it('when someone else saves the defender while a manager edits it, then the manager sees both versions field by field and keeps theirs without retyping', async () => {
    const page = await signedIn(manager.user);
    await page.goto(`/defenders/${keo.id}/edit`);
    await page.getByRole('heading', { level: 1, name: 'Edit Keo Sophal' }).waitFor();
    // sensitive values stay on the server until asked for, even here
    expect(await page.content()).not.toContain(keoLegalName);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('textbox', { name: 'Organisation' }).fill('Kampot Fishers Network');
    await page.getByRole('combobox', { name: 'Risk level' }).click();
    await page.getByRole('option', { name: 'Critical risk' }).click();

    // meanwhile its author changes the organisation and the year of birth
    const current = await app.database.db.defender.findUniqueOrThrow({ where: { id: keo.id } });
    const response = await otherResearcher.request('PATCH', `/api/defenders/${keo.id}`, {
      version: current.version,
      organisation: 'Kampot Youth Network',
      birthYear: 1990,
    });
    expect(response.status).toBe(200);

    await page.getByRole('button', { name: 'Save changes' }).click();
    const review = page
      .getByRole('alert')
      .filter({ hasText: 'Someone else saved this defender while you were editing' });
    await review.waitFor();
    await review.getByText('Kampot Youth Network').waitFor();
    await review.getByText('Kampot Fishers Network').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // the organisation: keep mine (the default for a field both changed); the year: theirs
    await review.getByRole('button', { name: 'Apply these choices' }).click();
    await review.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    // exactly: the edit page's own heading, "Edit Keo Sophal", would match too
    await page.getByRole('heading', { level: 1, name: 'Keo Sophal', exact: true }).waitFor();

    const saved = await app.database.db.defender.findUniqueOrThrow({ where: { id: keo.id } });
    expect(openedDefender(app, saved)).toMatchObject({
      organisation: 'Kampot Fishers Network',
      birthYear: 1990,
      riskLevel: 'CRITICAL',
      legalName: keoLegalName,
    });
    expect(problems).toEqual([]);
  });
});
