import { describe, expect, it } from 'vitest';
import { generatedPseudonym } from '@vigil/shared/pseudonym';
import { openDocx } from '../../../../tests/support/docx.ts';
import type { RoleClient } from '../../../../tests/support/http.ts';
import { errorCodeOf, incidentBody, postIncident } from '../incidents/incidents.factories.ts';
import { unnamedDefender } from './case-file.ts';
import {
  downloadOk,
  exportWorldPerFile,
  khmerLocation,
  publicNames,
  secrets,
} from './exports.fixtures.ts';

const path = (incidentId: string) => `/api/exports/un-submission/${incidentId}`;

const sections = [
  '1. Information about the alleged victim(s)',
  '2. Information about the alleged violation(s)',
  '3. Alleged perpetrators',
  '4. Charges and legal proceedings',
  '5. Actions already taken',
  '6. Consent',
];

describe('GET /api/exports/un-submission/:incidentId', () => {
  const files = exportWorldPerFile();

  async function download(client: RoleClient, incidentId: string) {
    const { response, bytes } = await downloadOk(client, path(incidentId));
    return { response, docx: openDocx(bytes) };
  }

  const setShare = (id: string, shareWithAuthorities: 'YES' | 'NO' | 'UNKNOWN') =>
    files.app.database.db.defender.update({ where: { id }, data: { shareWithAuthorities } });

  function expectInOrder(paragraphs: string[], expected: string[]) {
    let from = 0;
    for (const text of expected) {
      const at = paragraphs.indexOf(text, from);
      expect(at, `${text}\n\nin\n\n${paragraphs.join('\n')}`).toBeGreaterThanOrEqual(from);
      from = at + 1;
    }
  }

  it('when the defender agreed to be named to the government, then the submission names them, section by section in the Rapporteur’s order', async () => {
    await setShare(files.world.defenders.dara, 'YES');
    const { response, docx } = await download(
      files.world.advocacy,
      files.world.incidents.arrest.id,
    );
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="vigil-un-submission-draft-\d{4}-\d{2}-\d{2}\.docx"$/,
    );
    expectInOrder(docx.paragraphs, [
      'Submission to the UN Special Rapporteur on the situation of human rights defenders',
      'Country concerned: Cambodia',
      sections[0]!,
      'Victim 1',
      `Name: ${publicNames.dara}`,
      `Also known as: ${publicNames.daraAlias}`,
      'Gender: Woman',
      'Organisation: Mekong Land Network',
      'Country: Cambodia',
      'Victim 2',
      'Described as: a woman human rights defender working on women’s rights in Cambodia',
      'The incident also concerns 1 act against a defender who did not consent to be named; they are described only by what happened.',
      sections[1]!,
      'Date: 12 Mar 2014',
      `Place: ${khmerLocation}, Cambodia`,
      `Incident: ${files.world.incidents.arrest.title}`,
      files.world.incidents.arrest.summary,
      `${publicNames.dara} suffered arbitrary arrest at the hands of police. Since then: held on trial. Held at the provincial court.`,
      'Victim 2 suffered physical assault at the hands of police and military.',
      `${unnamedDefender.confidential} suffered arbitrary detention at the hands of police.`,
      sections[2]!,
      `Police: arbitrary arrest of ${publicNames.dara}, physical assault of Victim 2 and arbitrary detention of ${unnamedDefender.confidential}.`,
      'Military: physical assault of Victim 2.',
      sections[3]!,
      `${publicNames.dara}: Criminal Code art. 305, filed 20 Mar 2014. Status: Convicted; sentence: Two years in prison.`,
      sections[4]!,
      '10 Jan 2015: Statement, “Joint statement on land defenders”, Geneva. Result: Published.',
      sections[5]!,
      'Victim 1',
      '(a) Consent to their name being mentioned in the communication and in the public report: Yes',
      '(b) Consent to their name being shared with the Government of Cambodia: Yes',
      `This submission names ${publicNames.dara}, who agreed to their name being shared with the government concerned.`,
      'Victim 2',
      '(a) Consent to their name being mentioned in the communication and in the public report: No',
      '(b) Consent to their name being shared with the Government of Cambodia: Not asked, which counts as no',
      'This submission does not name Victim 2: it describes them as a woman human rights defender working on women’s rights in Cambodia.',
    ]);
    // the pseudonym is for public outputs: the submission speaks of Victim 2
    expect(docx.body).not.toContain(publicNames.anonymisedPseudonym);
    expect(docx.core).toContain('<dc:creator>Vigil</dc:creator>');
    expect(docx.core).toContain('<cp:lastModifiedBy>Vigil</cp:lastModifiedBy>');
    expect(docx.core).toContain('<dc:title>UN submission draft</dc:title>');
  });

  it.each(['NO', 'UNKNOWN'] as const)(
    'when the defender’s consent to be named to the government is %s, then their name is nowhere and they are described, saying why',
    async (share) => {
      await setShare(files.world.defenders.dara, share);
      // what a researcher wrote may name them too
      const { id, summary } = files.world.incidents.arrest;
      await files.app.database.db.incident.update({
        where: { id },
        data: {
          summary: `${summary}\n${publicNames.dara} (${publicNames.daraAlias}) was taken to the provincial court.`,
        },
      });
      const { docx } = await download(files.world.manager, id).finally(() =>
        files.app.database.db.incident.update({ where: { id }, data: { summary } }),
      );
      for (const part of docx.everything) {
        expect(part).not.toContain(publicNames.dara);
        expect(part).not.toContain(publicNames.daraAlias);
      }
      expect(docx.body).not.toContain('Mekong Land Network');
      const description =
        'a woman human rights defender working on land and environment and community-based in Cambodia';
      expectInOrder(docx.paragraphs, [
        sections[0]!,
        'Victim 1',
        'Name: not given. The defender has not agreed to their name being shared with the government concerned, so this submission describes them without it.',
        `Described as: ${description}`,
        sections[1]!,
        'Victim 1 (Victim 1) was taken to the provincial court.',
        'Victim 1 suffered arbitrary arrest at the hands of police. Since then: held on trial. Held at the provincial court.',
        sections[3]!,
        'Victim 1: Criminal Code art. 305, filed 20 Mar 2014. Status: Convicted; sentence: Two years in prison.',
        sections[5]!,
        'Victim 1',
        `(b) Consent to their name being shared with the Government of Cambodia: ${share === 'NO' ? 'No' : 'Not asked, which counts as no'}`,
        `This submission does not name Victim 1: it describes them as ${description}.`,
      ]);
    },
  );

  it('when a defender is only charged, not named to the government, then they are a described victim too, never named', async () => {
    await setShare(files.world.defenders.dara, 'NO');
    const incident = await postIncident(
      files.world.admin,
      incidentBody(files.world.defenders.somchai, {
        country: 'TH',
        charges: [
          { defenderId: files.world.defenders.dara, law: 'Penal Code s. 112', status: 'CHARGED' },
        ],
      }),
    );
    const { docx } = await download(files.world.admin, incident.id);
    for (const part of docx.everything) expect(part).not.toContain(publicNames.dara);
    expectInOrder(docx.paragraphs, [
      'Victim 1',
      'Described as: a non-binary human rights defender working on students and youth in Thailand',
      'Victim 2',
      'Described as: a woman human rights defender working on land and environment and community-based in Cambodia',
      sections[3]!,
      'Victim 2: Penal Code s. 112. Status: Charged.',
    ]);
  });

  it('when a defender agreed to be named to the government but is known in public by a pseudonym, then they are still described, not named', async () => {
    await setShare(files.world.defenders.vibol, 'YES');
    const { docx } = await download(files.world.advocacy, files.world.incidents.surveillance.id);
    for (const part of docx.everything) {
      expect(part).not.toContain(secrets.generatedName);
      expect(part).not.toContain(generatedPseudonym(files.world.defenders.vibol));
    }
    expectInOrder(docx.paragraphs, [
      'Described as: a man human rights defender working on journalists and media in Cambodia',
      'Date: June 2015',
      'Victim 1 suffered surveillance at the hands of intelligence.',
      'No charges are recorded.',
      'No advocacy action is recorded yet.',
      '(a) Consent to their name being mentioned in the communication and in the public report: No',
      '(b) Consent to their name being shared with the Government of Cambodia: Yes',
    ]);
  });

  it('when any exporter downloads it, then no confidential defender, sensitive value or other incident is in any part of the file, nor who exported it', async () => {
    await setShare(files.world.defenders.dara, 'YES');
    for (const client of [files.world.advocacy, files.world.manager, files.world.admin]) {
      const { docx } = await download(client, files.world.incidents.arrest.id);
      const exporter = await files.app.database.db.user.findUniqueOrThrow({
        where: { id: client.userId },
        select: { email: true, name: true },
      });
      for (const value of [
        ...Object.values(secrets).flat(),
        'Taken from the family home',
        files.world.incidents.surveillance.title,
        exporter.email,
        exporter.name,
      ]) {
        for (const part of docx.everything) expect(part).not.toContain(value);
      }
    }
  });

  it('when a submission is exported, then the audit log says who exported which incident', async () => {
    await download(files.world.admin, files.world.incidents.lawsuit.id);
    const event = await files.app.database.db.auditEvent.findFirstOrThrow({
      where: { action: 'EXPORT', entity: 'Incident', actorId: files.world.admin.userId },
      orderBy: { at: 'desc' },
    });
    expect(event).toMatchObject({
      entityId: files.world.incidents.lawsuit.id,
      country: 'TH',
      changes: { document: 'un-submission', format: 'docx' },
    });
  });

  it('when the incident is restricted, a draft the officer may not read, deleted or unknown, then 404 and nothing is audited', async () => {
    const deleted = await files.app.database.db.incident.update({
      where: { id: files.world.incidents.lawsuit.id },
      data: { deletedAt: new Date() },
      select: { id: true },
    });
    const before = await files.app.database.db.auditEvent.count({ where: { action: 'EXPORT' } });
    for (const [client, id] of [
      [files.world.admin, files.world.incidents.restricted.id],
      [files.world.advocacy, files.world.incidents.restricted.id],
      [files.world.advocacy, files.world.incidents.draft.id],
      [files.world.manager, deleted.id],
      [files.world.manager, files.world.defenders.dara],
    ] as const) {
      const response = await client.get(path(id));
      expect(response.status, id).toBe(404);
      expect(await errorCodeOf(response)).toBe('NOT_FOUND');
    }
    expect(await files.app.database.db.auditEvent.count({ where: { action: 'EXPORT' } })).toBe(
      before,
    );
    await files.app.database.db.incident.update({
      where: { id: deleted.id },
      data: { deletedAt: null },
    });
  });

  it('when a researcher asks, then 403; a malformed id is 400', async () => {
    const forbidden = await files.world.researcher.get(path(files.world.incidents.arrest.id));
    expect(forbidden.status).toBe(403);
    expect(await errorCodeOf(forbidden)).toBe('FORBIDDEN');
    const malformed = await files.world.advocacy.get(path('KH-2014-0001'));
    expect(malformed.status).toBe(400);
    expect(await errorCodeOf(malformed)).toBe('VALIDATION');
  });
});
