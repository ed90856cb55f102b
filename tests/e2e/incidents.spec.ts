import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import { startTestApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, openPage, signInThroughPage } from '../support/browser.ts';
import { clientFor, type Client, type RoleClient } from '../support/http.ts';

// Browsing incidents, an incident's page and the review queue, in a real browser against the
// real app and database: filters kept in the address, acts per defender with unreadable
// defenders unnamed, source identities masked until asked for (and that asking audited), and
// a manager's verify and return from the queue.

let app: TestApp;
let browser: Browser;
let closeContext: (() => Promise<void>) | undefined;
let problems: string[] = [];

let researcher: RoleClient;
let otherResearcher: RoleClient;
let manager: RoleClient;
let readableDefender: { id: string; displayName: string };
let backed: IncidentOutput; // two sources, one identity; submitted by the researcher
let thin: IncidentOutput; // one source; submitted
let shared: IncidentOutput; // the manager's, naming a defender the researcher may not read
let quillonDraft: IncidentOutput;
let quillonSubmitted: IncidentOutput;

const identity = 'Ms Ratana, neighbour, +855 12 345 678';

async function post<T>(client: Client, path: string, body: unknown): Promise<T> {
  const response = await client.request('POST', path, body);
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

function incident(defenderIds: string[], fields: Record<string, unknown>) {
  return {
    summary: 'Police arrested the defender at a protest against the dam.\nShe was held overnight.',
    occurredOn: '2024-05-03',
    country: 'KH',
    acts: defenderIds.map((defenderId) => ({
      defenderId,
      violation: 'ARBITRARY_ARREST',
      perpetrators: ['POLICE'],
    })),
    ...fields,
  };
}

const source = (description: string, extra: Record<string, unknown> = {}) => ({
  kind: 'WITNESS_TESTIMONY',
  reliability: 'RELIABLE',
  description,
  ...extra,
});

async function submit(client: Client, record: IncidentOutput) {
  return post<IncidentOutput>(client, `/api/incidents/${record.id}/transition`, {
    to: 'SUBMITTED',
    version: record.version,
  });
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp({ client: true }), launchBrowser()]);
  [researcher, otherResearcher, manager] = await Promise.all([
    clientFor(app, 'RESEARCHER', ['KH', 'TH']),
    clientFor(app, 'RESEARCHER', ['KH']),
    clientFor(app, 'MANAGER', []),
  ]);
  readableDefender = await post(researcher, '/api/defenders', {
    displayName: 'Sokha Chann',
    country: 'KH',
  });
  const hiddenDefender = await post<{ id: string }>(manager, '/api/defenders', {
    displayName: 'Aung Min Thu',
    country: 'MM',
  });

  backed = await submit(
    researcher,
    await post(
      researcher,
      '/api/incidents',
      incident([readableDefender.id], {
        title: 'Arrest of Sokha Chann at the dam protest',
        sources: [source('A neighbour saw the arrest', { identity }), source('Press report')],
      }),
    ),
  );
  thin = await submit(
    researcher,
    await post(
      researcher,
      '/api/incidents',
      incident([readableDefender.id], {
        title: 'Threats against Sokha Chann',
        occurredOn: '2024-06-01',
        sources: [source('A phone call to the defender')],
      }),
    ),
  );
  shared = await post(
    manager,
    '/api/incidents',
    incident([readableDefender.id, hiddenDefender.id], {
      title: 'Dispersal of the Kampot vigil',
      sources: [source('Video of the dispersal')],
      charges: [
        { defenderId: readableDefender.id, law: 'Criminal Code, art. 495', status: 'CHARGED' },
      ],
    }),
  );
  quillonDraft = await post(
    researcher,
    '/api/incidents',
    incident([readableDefender.id], {
      title: 'Quillon harbour eviction',
      confidentiality: 'RESTRICTED',
    }),
  );
  quillonSubmitted = await submit(
    researcher,
    await post(
      researcher,
      '/api/incidents',
      incident([readableDefender.id], {
        title: 'Quillon market arrest',
        sources: [source('One'), source('Two')],
      }),
    ),
  );
}, 120_000);

afterEach(async () => {
  await closeContext?.();
  closeContext = undefined;
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function signedIn(user: RoleClient['user']): Promise<Page> {
  const opened = await openPage(browser, app.url);
  closeContext = () => opened.context.close();
  problems = opened.problems;
  await signInThroughPage(opened.page, user.email, user.password);
  return opened.page;
}

function resultTitles(page: Page) {
  return page.getByRole('table', { name: 'Incidents' }).getByRole('link').allInnerTexts();
}

async function readSensitiveEvents(incidentId: string, actorId?: string) {
  return app.database.db.auditEvent.count({
    where: {
      entity: 'Incident',
      entityId: incidentId,
      action: 'READ_SENSITIVE',
      ...(actorId ? { actorId } : {}),
    },
  });
}

describe('incidents', { timeout: 240_000 }, () => {
  it('when a researcher searches and filters the list, then the address holds the filters and a reload keeps them', async () => {
    const page = await signedIn(researcher.user);
    await page.goto('/incidents');
    await page.getByRole('heading', { level: 1, name: 'Incidents' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('searchbox', { name: 'Search incidents' }).fill('quillon');
    await page.waitForURL((url) => url.searchParams.get('q') === 'quillon');
    await expect.poll(() => resultTitles(page), { timeout: 15_000 }).toHaveLength(2);

    // by keyboard, as someone without a mouse would
    await page.getByRole('combobox', { name: 'Status' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: 'Draft' }).click();
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => url.searchParams.get('status') === 'DRAFT');
    await expect
      .poll(() => resultTitles(page), { timeout: 15_000 })
      .toEqual([expect.stringContaining('Quillon harbour eviction')]);
    await page.getByRole('table', { name: 'Incidents' }).getByText('Restricted').waitFor();

    await page.reload();
    await page.getByRole('button', { name: 'Remove filter Status: Draft' }).waitFor();
    expect(await page.getByRole('searchbox', { name: 'Search incidents' }).inputValue()).toBe(
      'quillon',
    );
    await expect
      .poll(() => resultTitles(page), { timeout: 15_000 })
      .toEqual([expect.stringContaining(quillonDraft.reference)]);
    expect(await seriousViolations(page)).toEqual([]);

    // removing the chip widens the list again, and the address follows
    await page.getByRole('button', { name: 'Remove filter Status: Draft' }).click();
    await page.waitForURL((url) => !url.searchParams.has('status'));
    await expect.poll(() => resultTitles(page), { timeout: 15_000 }).toHaveLength(2);
    expect(await resultTitles(page)).toEqual(
      expect.arrayContaining([expect.stringContaining(quillonSubmitted.reference)]),
    );
    expect(problems).toEqual([]);
  });

  it('when a researcher opens an incident, then its acts are grouped per defender and a defender outside their access is not named', async () => {
    const page = await signedIn(researcher.user);
    await page.goto(`/incidents/${shared.id}`);
    await page.getByRole('heading', { level: 1, name: /Dispersal of the Kampot vigil/ }).waitFor();

    const acts = page.getByRole('region', { name: 'Who was targeted' });
    const named = acts.getByRole('article').filter({ hasText: 'Sokha Chann' });
    await named.getByRole('link', { name: 'Sokha Chann' }).waitFor();
    expect(await named.innerText()).toContain('Arbitrary arrest');
    expect(await named.innerText()).toContain('Criminal Code, art. 495');
    await acts.getByText('A defender outside your access').waitFor();
    expect(await page.content()).not.toContain('Aung Min Thu');
    // the researcher may not change the manager's incident
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('when the author shows a source identity, then it was masked until then and exactly one READ_SENSITIVE event records it', async () => {
    const page = await signedIn(researcher.user);
    await page.goto(`/incidents/${backed.id}`);
    const sources = page.getByRole('region', { name: 'Sources' });
    await sources.getByText('A neighbour saw the arrest').waitFor();

    expect(await page.content()).not.toContain(identity);
    expect(await sources.getByText('Source identity hidden').count()).toBe(2);
    expect(await readSensitiveEvents(backed.id)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await sources.getByRole('button', { name: 'Show Source identity' }).first().click();
    await sources.getByText(identity).waitFor();
    await sources.getByText('Your viewing was recorded in the audit log.').waitFor();
    expect(await readSensitiveEvents(backed.id)).toBe(1);
    expect(await readSensitiveEvents(backed.id, researcher.userId)).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('when another researcher opens the incident, then no source identity can be shown and none is in the page', async () => {
    const before = await readSensitiveEvents(backed.id);
    const page = await signedIn(otherResearcher.user);
    await page.goto(`/incidents/${backed.id}`);
    const sources = page.getByRole('region', { name: 'Sources' });
    await sources.getByText('A neighbour saw the arrest').waitFor();

    expect(await sources.getByText('Source identity hidden').count()).toBe(2);
    expect(await page.getByRole('button', { name: /^Show/ }).count()).toBe(0);
    expect(await page.content()).not.toContain(identity);
    expect(await page.content()).not.toContain('Ratana');
    expect(await readSensitiveEvents(backed.id)).toBe(before);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('when a manager works through the review queue, then an incident with one source is refused in words, a return needs a comment, and verifying moves the incident on', async () => {
    const page = await signedIn(manager.user);
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Review' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Review' }).waitFor();
    await page.getByText('3 incidents wait for review').waitFor();
    const queue = page.getByRole('table', { name: 'Incidents waiting for review' });
    // the longest waiting first
    await expect
      .poll(() => queue.getByRole('link').allInnerTexts(), { timeout: 15_000 })
      .toEqual([
        expect.stringContaining(backed.reference),
        expect.stringContaining(thin.reference),
        expect.stringContaining(quillonSubmitted.reference),
      ]);
    expect(await seriousViolations(page)).toEqual([]);

    // one source: refused before asking the server, in words
    await page.getByRole('button', { name: `Verify: ${thin.reference}` }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Verification needs at least two sources; this incident has 1.' })
      .waitFor();
    expect(
      (await app.database.db.incident.findUniqueOrThrow({ where: { id: thin.id } })).status,
    ).toBe('SUBMITTED');

    // a return without a comment is refused next to the field
    await page.getByRole('button', { name: `Return to researcher: ${thin.reference}` }).click();
    const dialog = page.getByRole('dialog', { name: `Return ${thin.reference} to the researcher` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Return to researcher' }).click();
    await dialog.getByText('Write why the incident goes back to the researcher.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog
      .getByRole('textbox', { name: 'Comment for the researcher' })
      .fill('Find a second source: the family or a lawyer.');
    await dialog.getByRole('button', { name: 'Return to researcher' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('2 incidents wait for review').waitFor();
    const returned = await app.database.db.incidentTransition.findMany({
      where: { incidentId: thin.id, to: 'DRAFT' },
    });
    expect(returned.map((step) => step.comment)).toEqual([
      'Find a second source: the family or a lawyer.',
    ]);

    await page.getByRole('button', { name: `Verify: ${backed.reference}` }).click();
    await page.getByText('1 incident waits for review').waitFor();
    expect(
      (await app.database.db.incident.findUniqueOrThrow({ where: { id: backed.id } })).status,
    ).toBe('VERIFIED');
    await expect
      .poll(() => queue.getByRole('link').allInnerTexts(), { timeout: 15_000 })
      .toEqual([expect.stringContaining(quillonSubmitted.reference)]);
    expect(problems).toEqual([]);
  });

  it('when a manager opens a verified incident, then its history tells who did what, and the audit history lists the changes', async () => {
    const page = await signedIn(manager.user);
    await page.goto(`/incidents/${backed.id}`);
    const history = page.getByRole('region', { name: 'Workflow history' });
    await history.getByText(`${researcher.user.name} submitted it for review`).waitFor();
    await history.getByText('You verified it').waitFor();
    const audit = page.getByRole('region', { name: 'Audit history' });
    await audit.getByText(/You: moved it from Submitted to Verified/).waitFor();
    await audit.getByText(/viewed its source identities/).waitFor();
    // nothing left to verify; archiving is the next step
    await page.getByRole('button', { name: 'Archive' }).waitFor();
    expect(await page.getByRole('button', { name: 'Verify' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('when a manager deletes an incident, then a confirmation comes first, and the incident leaves the list but stays in the database', async () => {
    const page = await signedIn(manager.user);
    await page.goto(`/incidents/${quillonDraft.id}`);
    await page.getByRole('heading', { level: 1, name: /Quillon harbour eviction/ }).waitFor();

    await page.getByRole('button', { name: 'Delete incident' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this incident?' });
    await dialog.getByText(`${quillonDraft.reference} disappears from every list`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).first().click();
    await dialog.waitFor({ state: 'hidden' });
    expect(
      (await app.database.db.incident.findUniqueOrThrow({ where: { id: quillonDraft.id } }))
        .deletedAt,
    ).toBeNull();

    await page.getByRole('button', { name: 'Delete incident' }).click();
    await dialog.getByRole('button', { name: 'Delete incident' }).click();
    await page.waitForURL((url) => url.pathname === '/incidents');
    await page.getByRole('searchbox', { name: 'Search incidents' }).fill('quillon');
    await expect
      .poll(() => resultTitles(page), { timeout: 15_000 })
      .toEqual([expect.stringContaining(quillonSubmitted.reference)]);
    expect(
      (await app.database.db.incident.findUniqueOrThrow({ where: { id: quillonDraft.id } }))
        .deletedAt,
    ).not.toBeNull();
    expect(problems).toEqual([]);
  });
});
