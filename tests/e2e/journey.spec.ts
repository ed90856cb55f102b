import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchBrowser, openPage, signInThroughPage } from '../support/browser.ts';
import { createUser, signIn } from '../support/http.ts';

// One case through the hands of every role, in the browser: submitted by a researcher, returned
// by a manager with a comment, fixed and resubmitted, verified, then picked up by an advocacy
// officer from their home page for a new statement. (Logging it in the form, with the duplicate
// warning and the reload, is walked in incident-form.spec.ts; the admin's part in admin.spec.ts.)

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp({ client: true }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function pageFor(user: { email: string; password: string }) {
  const opened = await openPage(browser, app.url);
  await signInThroughPage(opened.page, user.email, user.password);
  return opened;
}

async function choose(page: Page, field: string, option: string | RegExp, index = 0) {
  await page.getByRole('combobox', { name: field }).nth(index).click();
  await page.getByRole('option', { name: option }).first().click();
}

const statusOf = async (id: string) =>
  (await app.database.db.incident.findUniqueOrThrow({ where: { id } })).status;

describe('a case from researcher to advocacy', { timeout: 300_000 }, () => {
  it('when a submitted incident is returned, fixed, resubmitted and verified, then the advocacy officer finds it on their home page and links it to a new statement', async () => {
    const researcher = await createUser(app, { role: 'RESEARCHER', countries: ['KH'] });
    const manager = await createUser(app, { role: 'MANAGER', countries: ['KH'] });
    const advocate = await createUser(app, { role: 'ADVOCACY', countries: ['KH'] });
    const api = await signIn(app, researcher.email, researcher.password);
    const defender = (await (
      await api.request('POST', '/api/defenders', {
        displayName: 'Vann Sophea',
        country: 'KH',
        consent: 'PUBLIC',
      })
    ).json()) as { id: string };
    const created = await api.request('POST', '/api/incidents', {
      title: 'Journalist detained at the border',
      summary: 'Border police held her for two days <script>window.hacked = 1</script>.',
      occurredOn: '2025-02-11',
      country: 'KH',
      acts: [{ defenderId: defender.id, violation: 'ARBITRARY_ARREST', perpetrators: ['POLICE'] }],
      sources: [
        { kind: 'WITNESS_TESTIMONY', reliability: 'RELIABLE', description: 'Her colleague.' },
      ],
    });
    expect(created.status).toBe(201);
    const incident = (await created.json()) as { id: string; reference: string; version: number };
    expect(
      (
        await api.request('POST', `/api/incidents/${incident.id}/transition`, {
          to: 'SUBMITTED',
          version: incident.version,
        })
      ).status,
    ).toBe(200);

    // the manager returns it with a comment
    const reviewer = await pageFor(manager);
    await reviewer.page.goto(`/incidents/${incident.id}`);
    await reviewer.page.getByRole('heading', { level: 1, name: /Journalist detained/ }).waitFor();
    // stored markup is shown as text, never run
    await reviewer.page.getByText('<script>window.hacked = 1</script>', { exact: false }).waitFor();
    expect(await reviewer.page.evaluate(() => 'hacked' in window)).toBe(false);
    expect(await seriousViolations(reviewer.page, 'incident page (manager)')).toEqual([]);
    await reviewer.page.getByRole('button', { name: 'Return to researcher' }).first().click();
    const returnDialog = reviewer.page.getByRole('dialog');
    await returnDialog
      .getByRole('textbox', { name: 'Comment for the researcher' })
      .fill('Add a second, independent source before verification.');
    await returnDialog.getByRole('button', { name: 'Return to researcher' }).click();
    await expect.poll(() => statusOf(incident.id)).toBe('DRAFT');

    // the researcher reads the comment on their home page, adds a source and resubmits
    const author = await pageFor(researcher);
    const sentBack = author.page.getByRole('region', { name: 'Sent back to you' });
    await sentBack.getByText('Add a second, independent source before verification.').waitFor();
    expect(await seriousViolations(author.page, 'home (researcher)')).toEqual([]);
    await sentBack.getByRole('link', { name: /Journalist detained/ }).click();
    await author.page.waitForURL((url) => url.pathname === `/incidents/${incident.id}`);
    await author.page.getByRole('link', { name: 'Edit' }).first().click();
    await author.page.getByRole('textbox', { name: 'Title' }).waitFor();
    await author.page.getByRole('button', { name: 'Add another source' }).click();
    await choose(author.page, 'Kind of source', 'Media report', 1);
    await author.page
      .getByRole('textbox', { name: 'What the source says' })
      .nth(1)
      .fill('A report in the provincial newspaper.');
    expect(await seriousViolations(author.page, 'incident form (edit)')).toEqual([]);
    await author.page.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => statusOf(incident.id), { timeout: 20_000 }).toBe('SUBMITTED');
    expect(await app.database.db.incidentSource.count({ where: { incidentId: incident.id } })).toBe(
      2,
    );

    // the manager verifies it from the review queue
    await reviewer.page.goto('/review');
    await reviewer.page.getByRole('heading', { level: 1, name: 'Review' }).waitFor();
    expect(await seriousViolations(reviewer.page, 'review queue')).toEqual([]);
    await reviewer.page
      .getByRole('button', { name: new RegExp(`^Verify.*${incident.reference}`) })
      .first()
      .click();
    await expect.poll(() => statusOf(incident.id), { timeout: 20_000 }).toBe('VERIFIED');

    // the advocacy officer finds it among the verified cases nobody covers yet
    const officer = await pageFor(advocate);
    const uncovered = officer.page.getByRole('region', { name: 'Verified, not yet covered' });
    await uncovered.getByRole('link', { name: /Journalist detained/ }).waitFor();
    expect(await seriousViolations(officer.page, 'home (advocacy)')).toEqual([]);

    await officer.page.goto('/advocacy/new');
    await officer.page.getByRole('heading', { level: 1, name: 'New advocacy action' }).waitFor();
    await choose(officer.page, 'Kind', 'Statement');
    await officer.page
      .getByRole('textbox', { name: 'Title' })
      .fill('Statement on the detention of journalists in Cambodia');
    await officer.page.getByRole('textbox', { name: 'Date' }).fill('20 Mar 2025');
    await officer.page.getByRole('textbox', { name: 'Date' }).press('Tab');
    await officer.page.getByRole('combobox', { name: 'Incidents' }).fill(incident.reference);
    await officer.page.getByRole('option', { name: /Journalist detained/ }).click();
    expect(await seriousViolations(officer.page, 'advocacy form')).toEqual([]);
    await officer.page
      .getByRole('button', { name: /^(Record|Save|Create)/ })
      .last()
      .click();

    await officer.page.waitForURL((url) => /^\/advocacy\/[0-9a-f-]{36}$/.test(url.pathname));
    await officer.page.getByRole('link', { name: /Journalist detained/ }).waitFor();
    const action = await app.database.db.advocacyAction.findFirstOrThrow({
      where: { title: 'Statement on the detention of journalists in Cambodia' },
      include: { incidents: true },
    });
    expect(action.incidents.map((link) => link.incidentId)).toEqual([incident.id]);
    expect(await seriousViolations(officer.page, 'advocacy action page')).toEqual([]);

    for (const opened of [reviewer, author, officer]) {
      expect(opened.problems).toEqual([]);
      await opened.context.close();
    }
  });
});
