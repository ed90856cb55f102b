// The world of the export suites: defenders of every consent, incidents across two countries
// with charges, sources and advocacy, and the values that must never reach a public output.
import { afterAll, beforeAll, expect } from 'vitest';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import { searchTextOf } from '@vigil/shared/search';
import type { Prisma } from '../../../../prisma/generated/client.ts';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { clientFor, type RoleClient } from '../../../../tests/support/http.ts';
import { incidentBody, json, postIncident } from '../incidents/incidents.factories.ts';

// Everything here that a public output must never carry.
export const secrets = {
  confidentialName: 'Sopheap Confidentialname',
  confidentialLegalName: 'Sopheap Legalname Hidden',
  confidentialContact: '+855 12 999 111',
  confidentialAliases: ['Ghost Alias Sopheap', 'សុភាពសម្ងាត់'],
  confidentialRegion: 'Secret Region Kampot',
  anonymisedName: 'Chenda Realname',
  anonymisedAliases: ['Chenda R.', 'ចិន្តាពិត'],
  anonymisedOrganisation: 'Tiny Collective Of Chenda',
  generatedName: 'Vibol Hiddenname',
  generatedAliases: ['Vibol H.'],
  publicLegalName: 'Sok Dara Legalname',
  publicContact: 'dara.private@example.test',
  publicRegion: 'Hidden Region Koh Kong',
  sourceIdentities: ['Witness Identity Alpha', 'Lawyer Identity Beta'],
  sourceDescriptions: ['Source description kept inside'],
  restrictedTitle: 'Restricted Zeta Quokka Raid',
  plannedAdvocacy: 'Planned Urgent Appeal Quetzal',
  defenderNotes: 'Defender notes never exported',
};

export const publicNames = {
  dara: 'Dara Sok',
  // a PUBLIC defender's aliases may be shown; Khmer script must survive every format
  daraAlias: 'ដារ៉ា សុខ',
  somchai: 'Somchai Writer',
  anonymisedPseudonym: 'Defender River',
};

export const khmerLocation = 'ភ្នំពេញ';

export interface ExportWorld {
  admin: RoleClient;
  manager: RoleClient;
  advocacy: RoleClient;
  researcher: RoleClient;
  defenders: Record<'dara' | 'chenda' | 'vibol' | 'sopheap' | 'somchai', string>;
  incidents: Record<'arrest' | 'surveillance' | 'lawsuit' | 'restricted' | 'draft', IncidentOutput>;
  advocacyId: string;
}

const twoSources = (identities: boolean) => [
  {
    kind: 'WITNESS_TESTIMONY',
    reliability: 'RELIABLE',
    description: secrets.sourceDescriptions[0],
    ...(identities && { identity: secrets.sourceIdentities[0] }),
  },
  {
    kind: 'LAWYER',
    reliability: 'HIGHLY_RELIABLE',
    description: 'Interview with the lawyer',
    ...(identities && { identity: secrets.sourceIdentities[1] }),
  },
];

async function verify(client: RoleClient, incident: IncidentOutput): Promise<IncidentOutput> {
  let current = incident;
  for (const to of ['SUBMITTED', 'VERIFIED']) {
    const response = await client.request('POST', `/api/incidents/${current.id}/transition`, {
      to,
      version: current.version,
    });
    expect(response.status, await response.clone().text()).toBe(200);
    current = await json<IncidentOutput>(response);
  }
  return current;
}

async function update(client: RoleClient, incident: IncidentOutput, body: Record<string, unknown>) {
  const response = await client.request('PATCH', `/api/incidents/${incident.id}`, {
    ...body,
    version: incident.version,
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return json<IncidentOutput>(response);
}

// One app and its export world per test file, built before the file's tests and closed after.
export function exportWorldPerFile(): { app: TestApp; world: ExportWorld } {
  const files = {} as { app: TestApp; world: ExportWorld };
  beforeAll(async () => {
    files.app = await startTestApp();
    files.world = await buildExportWorld(files.app);
  });
  afterAll(() => files.app.close());
  return files;
}

// A download that must succeed; when it does not, the failure shows the server's answer.
export async function downloadOk(client: RoleClient, url: string) {
  const response = await client.get(url);
  expect(response.status, response.status === 200 ? '' : await response.clone().text()).toBe(200);
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

async function buildExportWorld(app: TestApp): Promise<ExportWorld> {
  const [admin, manager, advocacy, researcher] = await Promise.all([
    clientFor(app, 'ADMIN'),
    clientFor(app, 'MANAGER', ['KH', 'TH']),
    clientFor(app, 'ADVOCACY'),
    clientFor(app, 'RESEARCHER', ['KH']),
  ]);
  const defender = async (data: Omit<Prisma.DefenderUncheckedCreateInput, 'createdById'>) => {
    const row = await app.database.db.defender.create({
      data: {
        ...data,
        createdById: admin.userId,
        notes: secrets.defenderNotes,
        searchText: searchTextOf([data.displayName, ...((data.aliases as string[]) ?? [])]),
      },
      select: { id: true },
    });
    return row.id;
  };
  const defenders: ExportWorld['defenders'] = {
    dara: await defender({
      displayName: publicNames.dara,
      aliases: [publicNames.daraAlias],
      legalName: secrets.publicLegalName,
      contact: secrets.publicContact,
      region: secrets.publicRegion,
      consent: 'PUBLIC',
      gender: 'FEMALE',
      sectors: ['LAND_ENVIRONMENT', 'COMMUNITY_BASED'],
      organisation: 'Mekong Land Network',
      riskLevel: 'HIGH',
      shareWithAuthorities: 'YES',
      country: 'KH',
    }),
    chenda: await defender({
      displayName: secrets.anonymisedName,
      aliases: secrets.anonymisedAliases,
      pseudonym: publicNames.anonymisedPseudonym,
      organisation: secrets.anonymisedOrganisation,
      consent: 'ANONYMISED',
      gender: 'FEMALE',
      sectors: ['WOMENS_RIGHTS'],
      country: 'KH',
    }),
    vibol: await defender({
      displayName: secrets.generatedName,
      aliases: secrets.generatedAliases,
      consent: 'ANONYMISED',
      gender: 'MALE',
      sectors: ['JOURNALIST_MEDIA'],
      country: 'KH',
    }),
    sopheap: await defender({
      displayName: secrets.confidentialName,
      legalName: secrets.confidentialLegalName,
      contact: secrets.confidentialContact,
      aliases: secrets.confidentialAliases,
      region: secrets.confidentialRegion,
      consent: 'CONFIDENTIAL',
      country: 'KH',
    }),
    somchai: await defender({
      displayName: publicNames.somchai,
      consent: 'PUBLIC',
      gender: 'NON_BINARY',
      sectors: ['STUDENT_YOUTH'],
      riskLevel: 'LOW',
      country: 'TH',
    }),
  };

  const arrestCreated = await postIncident(
    admin,
    incidentBody(defenders.dara, {
      title: 'Arrest of land defenders at the dam protest',
      summary: 'Police arrested three defenders at a peaceful protest against the dam.',
      occurredOn: '2014-03-12',
      datePrecision: 'DAY',
      country: 'KH',
      location: khmerLocation,
      acts: [
        {
          defenderId: defenders.dara,
          violation: 'ARBITRARY_ARREST',
          perpetrators: ['POLICE'],
          victimStatus: 'HELD_ON_TRIAL',
          notes: 'Held at the provincial court',
        },
        {
          defenderId: defenders.chenda,
          violation: 'PHYSICAL_ASSAULT',
          perpetrators: ['POLICE', 'MILITARY'],
        },
        {
          defenderId: defenders.sopheap,
          violation: 'ARBITRARY_DETENTION',
          perpetrators: ['POLICE'],
          victimStatus: 'MISSING',
          notes: 'Taken from the family home',
        },
      ],
      charges: [
        {
          defenderId: defenders.dara,
          law: 'Criminal Code art. 305',
          status: 'CHARGED',
          filedOn: '2014-03-20',
        },
        { defenderId: defenders.sopheap, law: 'Criminal Code art. 495', status: 'CHARGED' },
      ],
      sources: twoSources(true),
    }),
  );
  // the charge moves on twice: its history comes from the audit trail
  let arrest = await update(admin, arrestCreated, {
    charges: [
      {
        defenderId: defenders.dara,
        law: 'Criminal Code art. 305',
        status: 'ON_TRIAL',
        filedOn: '2014-03-20',
      },
      { defenderId: defenders.sopheap, law: 'Criminal Code art. 495', status: 'CHARGED' },
    ],
  });
  arrest = await update(admin, arrest, {
    charges: [
      {
        defenderId: defenders.dara,
        law: 'Criminal Code art. 305',
        status: 'CONVICTED',
        filedOn: '2014-03-20',
        sentence: 'Two years in prison',
      },
      { defenderId: defenders.sopheap, law: 'Criminal Code art. 495', status: 'CHARGED' },
    ],
  });
  arrest = await verify(admin, arrest);

  const surveillance = await verify(
    admin,
    await postIncident(
      admin,
      incidentBody(defenders.vibol, {
        title: 'Surveillance of a journalist',
        summary: 'Intelligence officers followed the journalist for weeks.',
        occurredOn: '2015-06-01',
        datePrecision: 'MONTH',
        country: 'KH',
        acts: [
          {
            defenderId: defenders.vibol,
            violation: 'SURVEILLANCE',
            perpetrators: ['INTELLIGENCE'],
          },
        ],
        sources: twoSources(false),
      }),
    ),
  );
  const lawsuit = await verify(
    admin,
    await postIncident(
      admin,
      incidentBody(defenders.somchai, {
        title: 'Lawsuit against a student writer',
        summary: 'A company sued the writer over an article.',
        occurredOn: '2013-01-01',
        datePrecision: 'YEAR',
        country: 'TH',
        acts: [{ defenderId: defenders.somchai, violation: 'SLAPP', perpetrators: ['COMPANY'] }],
        charges: [
          { defenderId: defenders.somchai, law: 'Computer Crime Act s. 14', status: 'ON_TRIAL' },
        ],
        sources: twoSources(false),
      }),
    ),
  );
  const restricted = await verify(
    admin,
    await postIncident(
      admin,
      incidentBody(defenders.dara, {
        title: secrets.restrictedTitle,
        occurredOn: '2016-02-02',
        confidentiality: 'RESTRICTED',
        sources: twoSources(false),
      }),
    ),
  );
  const draft = await postIncident(
    admin,
    incidentBody(defenders.dara, {
      title: 'Threats by phone, still a draft',
      occurredOn: '2017-07-07',
    }),
  );

  const advocacyAction = async (body: Record<string, unknown>) => {
    const response = await advocacy.request('POST', '/api/advocacy', body);
    expect(response.status, await response.clone().text()).toBe(201);
    return (await json<{ id: string }>(response)).id;
  };
  const advocacyId = await advocacyAction({
    kind: 'STATEMENT',
    title: 'Joint statement on land defenders',
    date: '2015-01-10',
    venue: 'Geneva',
    status: 'PUBLISHED',
    incidentIds: [arrest.id, lawsuit.id],
    defenderIds: [defenders.dara],
  });
  await advocacyAction({
    kind: 'URGENT_APPEAL',
    title: secrets.plannedAdvocacy,
    date: '2030-01-01',
    status: 'PLANNED',
    incidentIds: [arrest.id],
  });

  return {
    admin,
    manager,
    advocacy,
    researcher,
    defenders,
    incidents: { arrest, surveillance, lawsuit, restricted, draft },
    advocacyId,
  };
}
