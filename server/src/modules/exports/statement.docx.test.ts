import { describe, expect, it } from 'vitest';
import { openDocx } from '../../../../tests/support/docx.ts';
import type { RoleClient } from '../../../../tests/support/http.ts';
import { errorCodeOf, json } from '../incidents/incidents.factories.ts';
import { unnamedDefender } from './case-file.ts';
import {
  downloadOk,
  exportWorldPerFile,
  khmerLocation,
  publicNames,
  secrets,
} from './exports.fixtures.ts';

const path = (advocacyId: string) => `/api/exports/statement/${advocacyId}`;

describe('GET /api/exports/statement/:advocacyId', () => {
  const files = exportWorldPerFile();

  async function download(client: RoleClient, advocacyId: string) {
    const { response, bytes } = await downloadOk(client, path(advocacyId));
    return { response, docx: openDocx(bytes) };
  }

  it('when an officer asks for the draft of an action, then a Word file: its title, an opening line, the cases in date order, a context per country, then the sections to write', async () => {
    const { response, docx } = await download(files.world.advocacy, files.world.advocacyId);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="vigil-statement-draft-\d{4}-\d{2}-\d{2}\.docx"$/,
    );
    const { paragraphs } = docx;
    const order = [
      'Joint statement on land defenders',
      '[Name of the organisation] is gravely concerned about 2 attacks on human rights defenders in Thailand and Cambodia, set out below.',
      'The cases',
      // the lawsuit (2013, a year) comes before the arrest (12 March 2014)
      `In 2013, in Thailand: A company sued the writer over an article. ${publicNames.somchai} suffered SLAPP at the hands of company. ${publicNames.somchai} was charged under Computer Crime Act s. 14; the charge stands at: on trial.`,
      `On 12 Mar 2014, in ${khmerLocation}, Cambodia: Police arrested three defenders at a peaceful protest against the dam. ${publicNames.dara} suffered arbitrary arrest at the hands of police; since then: held on trial. ${publicNames.anonymisedPseudonym} suffered physical assault at the hands of police and military. ${unnamedDefender.confidential} suffered arbitrary detention at the hands of police. ${publicNames.dara} was charged under Criminal Code art. 305 on 20 Mar 2014; the charge stands at: convicted, with a sentence of Two years in prison.`,
      'Context',
      'Thailand',
      '[Describe the situation of human rights defenders in Thailand: the laws used against them, recent trends, what the authorities have said and done.]',
      'The cases in this statement: 1 incident; acts: SLAPP (1); 1 charge.',
      'Cambodia',
      'The cases in this statement: 1 incident; acts: arbitrary arrest (1), physical assault (1), arbitrary detention (1); 1 charge.',
      'Our concerns',
      '[Set out what these cases show and why they matter.]',
      'Recommendations',
      'Signatories',
      '[The organisations and people who sign this statement.]',
    ];
    let from = 0;
    for (const expected of order) {
      const at = paragraphs.indexOf(expected, from);
      expect(at, `${expected}\n\nin\n\n${paragraphs.join('\n')}`).toBeGreaterThanOrEqual(from);
      from = at + 1;
    }
    expect(docx.core).toContain('<dc:creator>Vigil</dc:creator>');
    expect(docx.core).toContain('<cp:lastModifiedBy>Vigil</cp:lastModifiedBy>');
    expect(docx.core).toContain('<dc:title>Statement draft</dc:title>');
  });

  it('when an action links a restricted incident, then neither it nor a confidential or sensitive value is in any part of the file, nor who exported it', async () => {
    const response = await files.world.admin.request('POST', '/api/advocacy', {
      kind: 'JOINT_LETTER',
      title: 'Letter on the dam and the raid',
      date: '2016-03-01',
      status: 'DRAFT',
      incidentIds: [files.world.incidents.arrest.id, files.world.incidents.restricted.id],
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const action = await json<{ id: string }>(response);
    for (const [client, advocacyId] of [
      [files.world.admin, action.id],
      [files.world.manager, action.id],
      [files.world.advocacy, files.world.advocacyId],
    ] as const) {
      const { docx } = await download(client, advocacyId);
      expect(docx.body).toContain(files.world.incidents.arrest.summary);
      const exporter = await files.app.database.db.user.findUniqueOrThrow({
        where: { id: client.userId },
        select: { email: true, name: true },
      });
      for (const value of [
        ...Object.values(secrets).flat(),
        'Taken from the family home',
        exporter.email,
        exporter.name,
      ]) {
        for (const part of docx.everything) expect(part).not.toContain(value);
      }
    }
  });

  it('when a draft is exported, then the audit log says who exported which action and its incidents', async () => {
    await download(files.world.manager, files.world.advocacyId);
    const event = await files.app.database.db.auditEvent.findFirstOrThrow({
      where: { action: 'EXPORT', entity: 'AdvocacyAction', actorId: files.world.manager.userId },
      orderBy: { at: 'desc' },
    });
    expect(event.entityId).toBe(files.world.advocacyId);
    expect(event.changes).toEqual({
      document: 'statement',
      format: 'docx',
      incidentIds: [files.world.incidents.lawsuit.id, files.world.incidents.arrest.id],
    });
  });

  it('when a researcher asks, then 403 and nothing is audited', async () => {
    const before = await files.app.database.db.auditEvent.count({ where: { action: 'EXPORT' } });
    const response = await files.world.researcher.get(path(files.world.advocacyId));
    expect(response.status).toBe(403);
    expect(await errorCodeOf(response)).toBe('FORBIDDEN');
    expect(await files.app.database.db.auditEvent.count({ where: { action: 'EXPORT' } })).toBe(
      before,
    );
  });

  it('when the action does not exist or was deleted, then 404; a malformed id is 400', async () => {
    const deleted = await files.app.database.db.advocacyAction.create({
      data: {
        kind: 'STATEMENT',
        title: 'Deleted statement',
        date: new Date('2020-01-01'),
        createdById: files.world.advocacy.userId,
        deletedAt: new Date(),
      },
      select: { id: true },
    });
    for (const id of [deleted.id, files.world.incidents.arrest.id]) {
      const response = await files.world.advocacy.get(path(id));
      expect(response.status, id).toBe(404);
      expect(await errorCodeOf(response)).toBe('NOT_FOUND');
    }
    const response = await files.world.advocacy.get(path('not-an-id'));
    expect(response.status).toBe(400);
    expect(await errorCodeOf(response)).toBe('VALIDATION');
  });
});
