import type {
  advocacyKinds,
  advocacyStatuses,
  datePrecisions,
  genders,
  incidentStatuses,
  reliabilities,
  riskLevels,
  verifications,
} from '@vigil/shared/enums';
import type { VocabularyName } from '@vigil/shared/vocabularies';
import type { Db } from '../../db/prisma.ts';

// The English words of public outputs for the fixed value sets (the client says the same in
// its common catalogue, app/i18n/en.json). Vocabulary terms have their labels in the database.
type Labels<T extends readonly string[]> = Record<T[number], string>;

export const incidentStatusLabels: Labels<typeof incidentStatuses> = {
  DRAFT: 'Draft',
  SUBMITTED: 'Submitted',
  VERIFIED: 'Verified',
  ARCHIVED: 'Archived',
};

export const verificationLabels: Labels<typeof verifications> = {
  UNVERIFIED: 'Unverified',
  POSSIBLE: 'Possible',
  LIKELY: 'Likely',
  CONFIRMED: 'Confirmed',
};

export const reliabilityLabels: Labels<typeof reliabilities> = {
  HIGHLY_RELIABLE: 'Highly reliable',
  RELIABLE: 'Reliable',
  FAIRLY_RELIABLE: 'Fairly reliable',
  UNRELIABLE: 'Unreliable',
  UNKNOWN: 'Reliability unknown',
};

export const genderLabels: Labels<typeof genders> = {
  FEMALE: 'Woman',
  MALE: 'Man',
  NON_BINARY: 'Non-binary',
  UNKNOWN: 'Not known',
};

export const riskLevelLabels: Labels<typeof riskLevels> = {
  LOW: 'Low risk',
  MEDIUM: 'Medium risk',
  HIGH: 'High risk',
  CRITICAL: 'Critical risk',
};

export const datePrecisionLabels: Labels<typeof datePrecisions> = {
  DAY: 'Exact day',
  MONTH: 'Month only',
  YEAR: 'Year only',
};

export const advocacyKindLabels: Labels<typeof advocacyKinds> = {
  STATEMENT: 'Statement',
  JOINT_LETTER: 'Joint letter',
  URGENT_APPEAL: 'Urgent appeal',
  UN_SUBMISSION: 'UN submission',
  SIDE_EVENT: 'Side event',
  MEDIA: 'Media',
};

export const advocacyStatusLabels: Labels<typeof advocacyStatuses> = {
  PLANNED: 'Planned',
  DRAFT: 'Draft',
  PUBLISHED: 'Published',
  DONE: 'Done',
};

const locale = 'en-GB';

const precisionFormats: Record<(typeof datePrecisions)[number], Intl.DateTimeFormat> = {
  DAY: new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }),
  MONTH: new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  YEAR: new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' }),
};

// `12 Mar 2014` (DAY), `March 2014` (MONTH), `2014` (YEAR), as the screens write them. Stored
// dates are calendar days at UTC midnight, so they are read in UTC.
export function formatDate(
  date: Date | string,
  precision: (typeof datePrecisions)[number] = 'DAY',
): string {
  const day = typeof date === 'string' ? new Date(`${date.slice(0, 10)}T00:00:00Z`) : date;
  return precisionFormats[precision].format(day);
}

const regionNames = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });

export const countryNameOf = (code: string) => regionNames.of(code) ?? code;

// "Cambodia or Myanmar": filters with several values match any of them.
const eitherList = new Intl.ListFormat(locale, { type: 'disjunction' });
export const joinOr = (values: readonly string[]) => eitherList.format(values);

export type VocabularyLabel = (vocabulary: VocabularyName, code: string) => string;

// Every term's label, retired ones included (old records still use them), in one query.
export async function loadVocabularyLabels(db: Db): Promise<VocabularyLabel> {
  const terms = await db.vocabularyTerm.findMany({
    select: { vocabulary: true, code: true, label: true },
  });
  const labels = new Map(terms.map((term) => [`${term.vocabulary}:${term.code}`, term.label]));
  return (vocabulary, code) => labels.get(`${vocabulary}:${code}`) ?? code;
}

// An export lists a file with the hash of its copy without metadata: the copy that reaches the
// reader, who can check it.
export const cleanCopyHashLabel = 'SHA-256 of the copy without metadata';

export const attachmentText = (attachment: { name: string; mediaType: string; sha256: string }) =>
  `${attachment.name} (${attachment.mediaType}). ${cleanCopyHashLabel}: ${attachment.sha256}`;
