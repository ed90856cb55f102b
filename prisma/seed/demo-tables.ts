// The raw material of the demo data. Every person, organisation and law here is invented;
// places are real provinces so that maps and filters look familiar.
//
// Name parts are `Latin|native script`; when every part of a name has a native form, the
// native name becomes an alias, so that search can be tried in Khmer, Thai and Burmese.

export interface CountryTable {
  code: string;
  name: string;
  familyFirst: boolean;
  // how native-script parts are joined (Burmese names are written without spaces)
  nativeSeparator: string;
  family: string[];
  given: { FEMALE: string[]; MALE: string[] };
  // pen names, gender-neutral, some with diacritics
  nicknames: string[];
  regions: string[];
  laws: string[];
  defenders: number;
  incidents: number;
}

export const countries: CountryTable[] = [
  {
    code: 'KH',
    name: 'Cambodia',
    familyFirst: true,
    nativeSeparator: ' ',
    family: ['Keo|កែវ', 'Meas|មាស', 'Heng|ហេង', 'Sok|សុខ', 'Chan|ចាន់', 'Prum|ព្រំ'],
    given: {
      FEMALE: ['Sokha|សុខា', 'Bopha|បុប្ផា', 'Sreymom|ស្រីមុំ', 'Chanthy|ចន្ធី', 'Sophea|សុភា'],
      MALE: ['Dara|ដារ៉ា', 'Vannak|វណ្ណៈ', 'Sophal|សុផល', 'Rithy|រិទ្ធី', 'Piseth|ពិសិដ្ឋ'],
    },
    nicknames: ['Mekong Voice', 'Lotus Keeper', 'Tonle Sap Pen'],
    regions: ['Phnom Penh', 'Kampot', 'Siem Reap', 'Koh Kong', 'Ratanakiri', 'Preah Vihear'],
    laws: ['Demo Penal Code', 'Law on Associations (fictional)', 'Public Order Act (fictional)'],
    defenders: 9,
    incidents: 70,
  },
  {
    code: 'TH',
    name: 'Thailand',
    familyFirst: false,
    nativeSeparator: ' ',
    family: ['Srisuk|ศรีสุข', 'Boonmee|บุญมี', 'Kaewmanee|แก้วมณี', 'Chaiyasit|ชัยสิทธิ์', 'Thongdee|ทองดี'],
    given: {
      FEMALE: ['Malee|มาลี', 'Anong|อนงค์', 'Pim|พิม', 'Siriporn|ศิริพร', 'Kanya|กัญญา'],
      MALE: ['Somchai|สมชาย', 'Kittisak|กิตติศักดิ์', 'Anan|อนันต์', 'Prasit|ประสิทธิ์', 'Wichai|วิชัย'],
    },
    nicknames: ['Nong Fah', 'P’Tam', 'Khun Mod'],
    regions: ['Bangkok', 'Chiang Mai', 'Khon Kaen', 'Pattani', 'Loei', 'Ubon Ratchathani'],
    laws: ['Demo Criminal Code', 'Computer Misuse Act (fictional)', 'Assembly Act (fictional)'],
    defenders: 8,
    incidents: 60,
  },
  {
    code: 'MM',
    name: 'Myanmar',
    familyFirst: false,
    nativeSeparator: '',
    family: ['Myint|မြင့်', 'Win|ဝင်း', 'Lwin|လွင်', 'Naing|နိုင်', 'Oo|ဦး', 'Hlaing|လှိုင်'],
    given: {
      FEMALE: ['Thida|သီတာ', 'Nilar|နီလာ', 'Khin|ခင်', 'May|မေ', 'Su|စု'],
      MALE: ['Kyaw|ကျော်', 'Aung|အောင်', 'Zaw|ဇော်', 'Min|မင်း', 'Htet|ထက်'],
    },
    nicknames: ['Shwe Pen', 'Saya Gyi', 'Yangon Night Owl'],
    regions: ['Yangon', 'Mandalay', 'Sagaing', 'Kachin State', 'Rakhine State', 'Magway'],
    laws: [
      'Demo Penal Code',
      'Counter-Incitement Act (fictional)',
      'Electronic Messages Act (fictional)',
    ],
    defenders: 8,
    incidents: 60,
  },
  {
    code: 'VN',
    name: 'Viet Nam',
    familyFirst: true,
    nativeSeparator: ' ',
    family: ['Trần', 'Lê', 'Phạm', 'Đỗ', 'Vũ', 'Hoàng'],
    given: {
      FEMALE: ['Thị Hoà', 'Thị Lụa', 'Ngọc Hân', 'Thu Thảo', 'Mỹ Duyên'],
      MALE: ['Văn Khải', 'Minh Đức', 'Quang Lưu', 'Hữu Nghĩa', 'Đình Tường'],
    },
    nicknames: ['Đất Mẹ', 'Người Gác Đêm', 'Sông Hương Xanh', 'Cánh Đồng Lúa'],
    regions: ['Hà Nội', 'Hồ Chí Minh City', 'Nghệ An', 'Thái Bình', 'Đồng Nai', 'Hà Tĩnh'],
    laws: ['Demo Criminal Code', 'Cyber Order Law (fictional)'],
    defenders: 6,
    incidents: 40,
  },
  {
    code: 'PH',
    name: 'Philippines',
    familyFirst: false,
    nativeSeparator: ' ',
    family: ['Macaraeg', 'Dimaculangan', 'Bagwisa', 'Tolentino', 'Salvador'],
    given: {
      FEMALE: ['Lualhati', 'Rosario', 'Mayumi', 'Ligaya', 'Tala'],
      MALE: ['Jomar', 'Carlito', 'Danilo', 'Bayani', 'Makisig'],
    },
    nicknames: ['Bunso', 'Tala ng Bukid'],
    regions: ['Metro Manila', 'Negros Oriental', 'Davao', 'Cebu', 'Samar', 'Bukidnon'],
    laws: [
      'Demo Revised Penal Code',
      'Anti-Subversion Act (fictional)',
      'Cyber Libel Act (fictional)',
    ],
    defenders: 6,
    incidents: 40,
  },
  {
    code: 'ID',
    name: 'Indonesia',
    familyFirst: false,
    nativeSeparator: ' ',
    family: ['Siregar', 'Pakpahan', 'Wenda', 'Lestari', 'Kurniawan'],
    given: {
      FEMALE: ['Ayu', 'Dewi', 'Rini', 'Sekar', 'Wulan'],
      MALE: ['Budi', 'Wahyu', 'Agus', 'Yosef', 'Bima'],
    },
    nicknames: ['Pena Hijau', 'Anak Sungai'],
    regions: ['Jakarta', 'Papua', 'Central Java', 'East Kalimantan', 'North Sumatra', 'Yogyakarta'],
    laws: ['Demo Criminal Code', 'Electronic Information Act (fictional)'],
    defenders: 5,
    incidents: 30,
  },
  {
    code: 'MY',
    name: 'Malaysia',
    familyFirst: false,
    nativeSeparator: ' ',
    family: ['Osman', 'Tan', 'Ramasamy', 'Ismail', 'Lim'],
    given: {
      FEMALE: ['Aisyah', 'Mei Ling', 'Farah', 'Kavitha', 'Nurul'],
      MALE: ['Hafiz', 'Wei Jie', 'Arjun', 'Amir', 'Kumar'],
    },
    nicknames: ['Pena Merah', 'Si Kancil'],
    regions: ['Kuala Lumpur', 'Penang', 'Sarawak', 'Sabah', 'Johor', 'Selangor'],
    laws: ['Demo Penal Code', 'Sedition Act (fictional)', 'Peaceful Gatherings Act (fictional)'],
    defenders: 4,
    incidents: 20,
  },
];

export const pseudonyms = ['Lotus', 'River', 'Kite', 'Ember', 'Harbour', 'Bamboo', 'Monsoon'];

export const organisationKinds = [
  'Community Land Network',
  'Workers’ Solidarity Centre',
  'Legal Aid Collective',
  'Independent Media Lab',
  'Youth for Democracy',
  'Forest Guardians',
];

// `{r}` is the region
export const places = [
  'Provincial court, {r}',
  'District police station, {r}',
  'Community land, {r}',
  'Factory gate, {r}',
  'Defender’s home, {r}',
  'Protest site, {r}',
  'International airport, {r}',
  'Organisation office, {r}',
  'Online',
];

// Plausible perpetrators and outcomes for each group of violations (VOCABULARIES.md).
export const violationGroups: Record<string, { perpetrators: string[]; outcomes: string[] }> = {
  LIBERTY: {
    perpetrators: ['POLICE', 'MILITARY', 'INTELLIGENCE', 'LOCAL_AUTHORITIES'],
    outcomes: ['ARRESTED_RELEASED', 'HELD_UNDER_INVESTIGATION', 'RELEASED_ON_BAIL', 'MISSING'],
  },
  JUDICIAL: {
    perpetrators: ['PROSECUTION', 'JUDICIARY', 'POLICE', 'COMPANY', 'NATIONAL_GOVERNMENT'],
    outcomes: ['HELD_ON_TRIAL', 'SERVING_SENTENCE', 'RELEASED_ON_BAIL', 'FUGITIVE', 'IN_EXILE'],
  },
  LIFE: {
    perpetrators: ['UNKNOWN', 'MILITARY', 'ARMED_GROUP', 'POLICE', 'PRISON_AUTHORITIES'],
    outcomes: ['DEAD', 'INJURED'],
  },
  INTEGRITY: {
    perpetrators: ['POLICE', 'PRO_GOVERNMENT_GROUP', 'UNKNOWN', 'PRIVATE_SECURITY', 'MOB'],
    outcomes: ['INJURED', 'UNKNOWN', 'RESTRICTED_MOVEMENT'],
  },
  PRIVACY: {
    perpetrators: ['INTELLIGENCE', 'POLICE', 'UNKNOWN'],
    outcomes: ['UNKNOWN', 'HELD_UNDER_INVESTIGATION'],
  },
  MOVEMENT: {
    perpetrators: ['NATIONAL_GOVERNMENT', 'LOCAL_AUTHORITIES', 'COMPANY', 'LANDOWNER'],
    outcomes: ['RESTRICTED_MOVEMENT', 'IN_EXILE'],
  },
  EXPRESSION_ASSEMBLY: {
    perpetrators: ['NATIONAL_GOVERNMENT', 'POLICE', 'LOCAL_AUTHORITIES', 'EMPLOYER'],
    outcomes: ['ARRESTED_RELEASED', 'DISMISSED_FROM_JOB', 'UNKNOWN'],
  },
  REPUTATION: {
    perpetrators: ['PRO_GOVERNMENT_GROUP', 'NATIONAL_GOVERNMENT', 'RELIGIOUS_GROUP'],
    outcomes: ['UNKNOWN'],
  },
  LAW: { perpetrators: ['LEGISLATURE', 'NATIONAL_GOVERNMENT'], outcomes: ['UNKNOWN'] },
};

// How often each violation opens an incident; the rest open one now and then.
export const commonViolations: Record<string, number> = {
  ARBITRARY_ARREST: 12,
  JUDICIAL_HARASSMENT: 12,
  CRIMINAL_CHARGE: 8,
  THREAT_INTIMIDATION: 8,
  SURVEILLANCE: 6,
  PHYSICAL_ASSAULT: 5,
  SLAPP: 4,
  DEFAMATION_STIGMATISATION: 4,
  TRAVEL_BAN: 3,
  DISPERSAL_OF_ASSEMBLY: 3,
};

// description and, for testimonies, who gave it
export const sourceKinds: Record<string, [string, string?]> = {
  VICTIM_TESTIMONY: ['Interview with the defender', 'Defender'],
  WITNESS_TESTIMONY: ['Account of a witness at the scene', 'Witness'],
  FAMILY_MEMBER: ['Call with a family member', 'Relative'],
  LAWYER: ['Statement of the defence lawyer', 'Lawyer'],
  COURT_RECORD: ['Copy of the summons and charge sheet'],
  POLICE_RECORD: ['Police arrest record'],
  GOVERNMENT_STATEMENT: ['Statement by the provincial authorities'],
  NGO_REPORT: ['Report by a partner organisation'],
  MEDIA_REPORT: ['Local news article'],
  SOCIAL_MEDIA: ['Post by the defender’s organisation'],
  PHOTO_VIDEO: ['Photos and video taken at the scene'],
  OTHER: ['Note from a community meeting'],
};

export const sentences = [
  '18 months’ imprisonment',
  '2 years’ imprisonment, suspended',
  '3 years’ imprisonment',
  'Fine (demo amount)',
];

export const returnComments = [
  'Second independent source needed before review.',
  'Please check the date and the perpetrators.',
  'Consent of the defender not recorded yet.',
];

export const advocacyTitles: Record<string, string> = {
  STATEMENT: 'Statement: stop the judicial harassment of defenders in {c}',
  JOINT_LETTER: 'Joint letter to the authorities of {c} on detained defenders',
  URGENT_APPEAL: 'Urgent appeal to UN Special Rapporteurs on defenders in {c}',
  UN_SUBMISSION: 'UPR submission on the situation of defenders in {c}',
  SIDE_EVENT: 'Side event: defenders at risk in {c}',
  MEDIA: 'Press briefing on attacks against defenders in {c}',
};

export const advocacyVenues: Record<string, string | null> = {
  STATEMENT: null,
  JOINT_LETTER: null,
  URGENT_APPEAL: 'Special Procedures (demo)',
  UN_SUBMISSION: 'Universal Periodic Review (demo session)',
  SIDE_EVENT: 'Human Rights Council, Geneva (demo session)',
  MEDIA: 'Online press briefing',
};

export const chargeDescriptions = [
  'Incitement to disturb social order',
  'Spreading false information online',
  'Defamation of a public official',
  'Taking part in an unlawful assembly',
  'Running an unregistered association',
];
