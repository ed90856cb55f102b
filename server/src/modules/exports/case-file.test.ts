import { describe, expect, it } from 'vitest';
import { defineAbilityFor } from '@vigil/shared/auth/abilities';
import { generatedPseudonym } from '@vigil/shared/pseudonym';
import type { CaseFile, CaseSummarySelection } from '@vigil/shared/schemas/exports';
import type { RoleClient } from '../../../../tests/support/http.ts';
import type { Ctx } from '../../http/request-context.ts';
import { attachmentScope, loadCaseFile, unnamedDefender } from './case-file.ts';
import { exportWorldPerFile, khmerLocation, publicNames } from './exports.fixtures.ts';

describe('loadCaseFile', () => {
  const files = exportWorldPerFile();

  const ctxOf = ({ user }: RoleClient): Ctx => ({
    db: files.app.database.db,
    pool: files.app.database.pool,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      countries: user.countries,
    },
    ability: defineAbilityFor(user),
    ip: undefined,
  });
  const load = (client: RoleClient, selection: CaseSummarySelection = {}): Promise<CaseFile> =>
    loadCaseFile(ctxOf(client), selection);

  it('when an advocacy officer exports all they may read, then the verified incidents come in date order, dated with their precision', async () => {
    const file = await load(files.world.advocacy);
    expect(file.title).toBe('Case summary: 3 incidents');
    expect(file.scope).toEqual([
      { label: 'Incidents', value: 'All that the exporting account may read' },
      attachmentScope,
    ]);
    expect(file.incidents.map((incident) => [incident.reference, incident.date])).toEqual([
      [files.world.incidents.lawsuit.reference, '2013'],
      [files.world.incidents.arrest.reference, '12 Mar 2014'],
      [files.world.incidents.surveillance.reference, 'June 2015'],
    ]);
    const arrest = file.incidents[1]!;
    expect(arrest).toMatchObject({
      countryName: 'Cambodia',
      location: khmerLocation,
      status: 'Verified',
      verification: 'Unverified',
      sources: [
        { kind: 'Witness testimony', reliability: 'Reliable' },
        { kind: 'Lawyer', reliability: 'Highly reliable' },
      ],
      advocacy: [
        {
          kind: 'Statement',
          title: 'Joint statement on land defenders',
          date: '10 Jan 2015',
          venue: 'Geneva',
          status: 'Published',
        },
      ],
    });
    expect(arrest.verifiedAt).toBeInstanceOf(Date);
  });

  it('when defenders have different consents, then acts name the public one, the anonymised ones by pseudonym, and the confidential one not at all', async () => {
    const file = await load(files.world.advocacy);
    const arrest = file.incidents.find(
      (incident) => incident.id === files.world.incidents.arrest.id,
    )!;
    expect(arrest.acts).toEqual([
      {
        defenderId: files.world.defenders.dara,
        defenderName: publicNames.dara,
        violation: 'Arbitrary arrest',
        perpetrators: ['Police'],
        victimStatus: 'Held on trial',
        notes: 'Held at the provincial court',
      },
      {
        defenderId: files.world.defenders.chenda,
        defenderName: publicNames.anonymisedPseudonym,
        violation: 'Physical assault',
        perpetrators: ['Police', 'Military'],
      },
      {
        defenderId: null,
        defenderName: unnamedDefender.confidential,
        violation: 'Arbitrary detention',
        perpetrators: ['Police'],
      },
    ]);
    const surveillance = file.incidents.find(
      (incident) => incident.id === files.world.incidents.surveillance.id,
    )!;
    expect(surveillance.acts[0]?.defenderName).toBe(
      generatedPseudonym(files.world.defenders.vibol),
    );
    expect(file.omitted).toEqual({ incidents: 0, defenders: 1 });
  });

  it('when a charge moved on, then its history comes from the audit trail; a confidential defender’s charge is left out', async () => {
    const file = await load(files.world.advocacy);
    const arrest = file.incidents.find(
      (incident) => incident.id === files.world.incidents.arrest.id,
    )!;
    expect(arrest.charges).toHaveLength(1);
    expect(arrest.charges[0]).toMatchObject({
      defenderName: publicNames.dara,
      law: 'Criminal Code art. 305',
      status: 'Convicted',
      filedOn: '20 Mar 2014',
      sentence: 'Two years in prison',
    });
    expect(arrest.charges[0]!.history[0]!.at).toBeInstanceOf(Date);
    expect(arrest.charges[0]!.history.map((step) => step.status)).toEqual([
      'Charged',
      'On trial',
      'Convicted',
    ]);
  });

  it('when defenders appear, then they are listed by the name shown, with their incidents in date order', async () => {
    const file = await load(files.world.advocacy);
    const names = [
      publicNames.dara,
      publicNames.anonymisedPseudonym,
      publicNames.somchai,
      generatedPseudonym(files.world.defenders.vibol),
    ].sort((a, b) => a.localeCompare(b, 'en'));
    expect(file.defenders.map((defender) => defender.name)).toEqual(names);
    const dara = file.defenders.find((defender) => defender.id === files.world.defenders.dara)!;
    expect(dara).toMatchObject({
      pseudonymous: false,
      aliases: [publicNames.daraAlias],
      gender: 'Woman',
      sectors: ['Land and environment', 'Community-based'],
      organisation: 'Mekong Land Network',
      countryName: 'Cambodia',
      riskLevel: 'High risk',
      consent: 'PUBLIC',
      shareWithAuthorities: 'YES',
      incidents: [
        {
          reference: files.world.incidents.arrest.reference,
          title: files.world.incidents.arrest.title,
          date: '12 Mar 2014',
        },
      ],
    });
    const chenda = file.defenders.find((defender) => defender.id === files.world.defenders.chenda)!;
    expect(chenda.pseudonymous).toBe(true);
    expect(chenda).not.toHaveProperty('aliases');
    expect(chenda).not.toHaveProperty('organisation');
  });

  it('when a manager exports, then drafts they read are in and the restricted incident is only counted', async () => {
    const file = await load(files.world.manager);
    expect(file.incidents.map((incident) => incident.id)).toEqual([
      files.world.incidents.lawsuit.id,
      files.world.incidents.arrest.id,
      files.world.incidents.surveillance.id,
      files.world.incidents.draft.id,
    ]);
    expect(file.omitted.incidents).toBe(1);
  });

  it('when incidents are chosen by id, defender or advocacy action and narrowed by filters, then the scope says so in words', async () => {
    const file = await load(files.world.admin, {
      defenderId: [files.world.defenders.somchai],
      advocacyId: [files.world.advocacyId],
      country: ['KH', 'TH'],
      status: ['VERIFIED'],
      from: '2010-01-01',
    });
    expect(file.incidents.map((incident) => incident.id)).toEqual([
      files.world.incidents.lawsuit.id,
      files.world.incidents.arrest.id,
    ]);
    expect(file.scope).toEqual([
      { label: 'Defender', value: publicNames.somchai },
      {
        label: 'Advocacy action',
        value: 'Joint statement on land defenders (Statement, 10 Jan 2015)',
      },
      { label: 'Country', value: 'Cambodia or Thailand' },
      { label: 'Status', value: 'Verified' },
      { label: 'From', value: '1 Jan 2010' },
      attachmentScope,
    ]);
  });

  it('when every list filter is used, then each narrows the incidents and the defenders, and the scope says each in words', async () => {
    const { arrest, lawsuit } = files.world.incidents;
    const file = await load(files.world.advocacy, {
      q: 'dam',
      perpetrator: ['POLICE'],
      verification: ['UNVERIFIED'],
      to: '2020-01-01',
      id: [arrest.id, lawsuit.id],
      createdById: [files.world.admin.userId],
      returned: false,
      linkedToAdvocacy: true,
    });
    expect(file.incidents.map((incident) => incident.id)).toEqual([arrest.id]);
    expect(file.defenders.map((defender) => defender.id).sort()).toEqual(
      [files.world.defenders.dara, files.world.defenders.chenda].sort(),
    );
    expect(file.scope).toEqual([
      { label: 'Search', value: '“dam”' },
      { label: 'Perpetrator', value: 'Police' },
      { label: 'Verification', value: 'Unverified' },
      { label: 'To', value: '1 Jan 2020' },
      { label: 'Only incidents', value: '2 chosen' },
      { label: 'Logged by', value: '1 chosen person' },
      { label: 'Returned to their author', value: 'No' },
      { label: 'Linked to advocacy', value: 'Yes' },
      attachmentScope,
    ]);
  });

  it('when a chosen id is one the caller may not read, then it is not found', async () => {
    await expect(
      load(files.world.advocacy, { incidentId: [files.world.incidents.draft.id] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      load(files.world.researcher, { advocacyId: [files.world.incidents.draft.id] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
