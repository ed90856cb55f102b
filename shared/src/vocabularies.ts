// The controlled vocabularies as first seeded (from the project's VOCABULARIES.md). The
// database holds the living lists, which admins may extend, relabel and retire; these are
// the codes every fresh database starts with.

export const vocabularyNames = [
  'violations',
  'perpetrators',
  'involvement',
  'victimStatus',
  'sectors',
  'sourceKinds',
  'chargeStatus',
] as const;

export type VocabularyName = (typeof vocabularyNames)[number];

export interface SeedTerm {
  code: string;
  label: string;
  description?: string;
  parent?: string;
}

// `CODE` or `CODE (description)`; the label is the code in sentence case, unless that misreads it
// (an acronym, a pair of words that wants "and" or "or").
type TermSpec = string;

const labelsUnlikeCodes: Record<string, string> = {
  SLAPP: 'SLAPP',
  TORTURE_ILL_TREATMENT: 'Torture or ill-treatment',
  THREAT_INTIMIDATION: 'Threats and intimidation',
  RAID_SEARCH: 'Raid or search',
  DEFAMATION_STIGMATISATION: 'Defamation and stigmatisation',
  PRO_GOVERNMENT_GROUP: 'Pro-government group',
  FAMILY_COMMUNITY: 'Family or community',
  ARRESTED_RELEASED: 'Arrested and released',
  PRO_DEMOCRACY: 'Pro-democracy',
  JOURNALIST_MEDIA: 'Journalists and media',
  LAND_ENVIRONMENT: 'Land and environment',
  LABOUR_TRADE_UNION: 'Labour and trade unions',
  LGBTIQ_RIGHTS: 'LGBTIQ rights',
  LAWYER_JUSTICE: 'Lawyers and justice',
  COMMUNITY_BASED: 'Community-based',
  ESC_RIGHTS: 'Economic, social and cultural rights',
  ANTI_CORRUPTION: 'Anti-corruption',
  STUDENT_YOUTH: 'Students and youth',
  NGO_STAFF: 'NGO staff',
  FAMILY_OF_VICTIM: 'Family of a victim',
  WOMENS_RIGHTS: 'Women’s rights',
  NGO_REPORT: 'NGO report',
  PHOTO_VIDEO: 'Photo or video',
};

function labelOf(code: string): string {
  const text = code.toLowerCase().split('_').join(' ');
  return labelsUnlikeCodes[code] ?? text.charAt(0).toUpperCase() + text.slice(1);
}

function terms(specs: TermSpec[], parent?: string): SeedTerm[] {
  return specs.map((spec) => {
    const match = /^([A-Z_]+)(?: \((.+)\))?$/.exec(spec);
    if (!match?.[1]) throw new Error(`bad vocabulary term: ${spec}`);
    const term: SeedTerm = { code: match[1], label: labelOf(match[1]) };
    if (match[2]) term.description = match[2];
    if (parent) term.parent = parent;
    return term;
  });
}

function grouped(groups: Record<string, TermSpec[]>): SeedTerm[] {
  return Object.entries(groups).flatMap(([parent, specs]) => terms(specs, parent));
}

export const seedVocabularies: Record<VocabularyName, SeedTerm[]> = {
  violations: grouped({
    LIBERTY: [
      'ARBITRARY_ARREST',
      'ARBITRARY_DETENTION',
      'DENIAL_OF_BAIL',
      'HOUSE_ARREST',
      'ENFORCED_DISAPPEARANCE',
      'ABDUCTION',
    ],
    JUDICIAL: [
      'JUDICIAL_HARASSMENT (criminal or civil proceedings to silence)',
      'CRIMINAL_CHARGE',
      'SLAPP (strategic lawsuit by a company or official)',
      'DENIAL_OF_FAIR_TRIAL',
      'CONVICTION',
      'ADMINISTRATIVE_HARASSMENT (permits, registration, tax, dismissal)',
    ],
    LIFE: ['KILLING', 'ATTEMPTED_KILLING', 'DEATH_IN_CUSTODY'],
    INTEGRITY: [
      'PHYSICAL_ASSAULT',
      'TORTURE_ILL_TREATMENT',
      'SEXUAL_VIOLENCE',
      'DEATH_THREAT',
      'THREAT_INTIMIDATION',
      'THREAT_TO_FAMILY',
      'STALKING',
    ],
    PRIVACY: [
      'SURVEILLANCE',
      'DIGITAL_ATTACK (hacking, doxxing, spyware)',
      'RAID_SEARCH',
      'CONFISCATION',
    ],
    MOVEMENT: ['TRAVEL_BAN', 'FORCED_EXILE', 'FORCED_EVICTION'],
    EXPRESSION_ASSEMBLY: [
      'CENSORSHIP',
      'DISPERSAL_OF_ASSEMBLY',
      'BAN_ON_ORGANISATION',
      'OFFICE_CLOSURE',
      'FREEZING_OF_FUNDS',
    ],
    REPUTATION: [
      'DEFAMATION_STIGMATISATION (smear campaigns, "terrorist" or "foreign agent" labelling)',
    ],
    LAW: ["RESTRICTIVE_LAW (a law or policy that restricts defenders' work)"],
  }),
  perpetrators: [
    ...grouped({
      STATE: [
        'POLICE',
        'MILITARY',
        'INTELLIGENCE',
        'JUDICIARY',
        'PROSECUTION',
        'PRISON_AUTHORITIES',
        'NATIONAL_GOVERNMENT',
        'LOCAL_AUTHORITIES',
        'LEGISLATURE',
      ],
      NON_STATE: [
        'PRO_GOVERNMENT_GROUP (paramilitaries, vigilantes)',
        'ARMED_GROUP',
        'COMPANY',
        'PRIVATE_SECURITY',
        'LANDOWNER',
        'EMPLOYER',
        'MOB',
        'RELIGIOUS_GROUP',
        'FAMILY_COMMUNITY',
      ],
    }),
    ...terms(['UNKNOWN']),
  ],
  involvement: terms([
    'CARRIED_OUT',
    'ORDERED',
    'PLANNED',
    'PRESENT',
    'FAILED_TO_PROTECT',
    'SUSPECTED',
  ]),
  victimStatus: terms([
    'ARRESTED_RELEASED',
    'HELD_UNDER_INVESTIGATION',
    'HELD_ON_TRIAL',
    'SERVING_SENTENCE',
    'RELEASED_ON_BAIL',
    'FUGITIVE',
    'IN_EXILE',
    'RESTRICTED_MOVEMENT',
    'INJURED',
    'MISSING',
    'DEAD',
    'DISMISSED_FROM_JOB',
    'UNKNOWN',
  ]),
  sectors: terms([
    'PRO_DEMOCRACY',
    'JOURNALIST_MEDIA',
    'LAND_ENVIRONMENT',
    'INDIGENOUS_RIGHTS',
    'LABOUR_TRADE_UNION',
    'LGBTIQ_RIGHTS',
    'LAWYER_JUSTICE',
    'COMMUNITY_BASED',
    'ESC_RIGHTS',
    'ANTI_CORRUPTION',
    'CORPORATE_ACCOUNTABILITY',
    'STUDENT_YOUTH',
    'NGO_STAFF',
    'FAMILY_OF_VICTIM',
    'RELIGIOUS_FREEDOM',
    'MINORITY_RIGHTS',
    'WOMENS_RIGHTS',
  ]),
  sourceKinds: terms([
    'VICTIM_TESTIMONY',
    'WITNESS_TESTIMONY',
    'FAMILY_MEMBER',
    'LAWYER',
    'COURT_RECORD',
    'POLICE_RECORD',
    'GOVERNMENT_STATEMENT',
    'NGO_REPORT',
    'MEDIA_REPORT',
    'SOCIAL_MEDIA',
    'PHOTO_VIDEO',
    'OTHER',
  ]),
  chargeStatus: terms([
    'INVESTIGATION',
    'CHARGED',
    'ON_TRIAL',
    'CONVICTED',
    'ACQUITTED',
    'DROPPED',
    'APPEAL',
    'PARDONED',
  ]),
};
