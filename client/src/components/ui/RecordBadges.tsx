import { Badge, Code, ColorSwatch, Group, Text, Tooltip } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type {
  advocacyStatuses,
  consents,
  datePrecisions,
  IncidentStatus,
  riskLevels,
} from '@vigil/shared/enums';
import { formatDate } from '../../lib/format.ts';
import { useCommonText } from '../../lib/i18n.ts';
import { useTerm, type VocabularyName } from '../../lib/lookups.ts';

// How records are named and marked, the same on every page (UI.md, "Records").

const statusColors: Record<IncidentStatus, string> = {
  DRAFT: 'gray',
  SUBMITTED: 'blue',
  VERIFIED: 'green',
  ARCHIVED: 'dark',
};

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  const { t } = useCommonText();
  return (
    // green text on light green stays under AA contrast, so VERIFIED is a filled badge
    <Badge
      color={statusColors[status]}
      variant={status === 'ARCHIVED' || status === 'VERIFIED' ? 'filled' : 'light'}
    >
      {t(`incidentStatus.${status}`)}
    </Badge>
  );
}

const advocacyStatusColors: Record<(typeof advocacyStatuses)[number], string> = {
  PLANNED: 'cyan',
  DRAFT: 'gray',
  PUBLISHED: 'green',
  DONE: 'dark',
};

export function AdvocacyStatusBadge({ status }: { status: (typeof advocacyStatuses)[number] }) {
  const { t } = useCommonText();
  return (
    <Badge
      color={advocacyStatusColors[status]}
      variant={status === 'PUBLISHED' ? 'filled' : 'light'}
    >
      {t(`advocacyStatus.${status}`)}
    </Badge>
  );
}

export function ReferenceBadge({ reference }: { reference: string }) {
  return (
    // never shrunk: a squeezed <code> becomes a scrollable box that keyboards cannot reach
    <Code fw={600} style={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
      {reference}
    </Code>
  );
}

export function RestrictedMark() {
  const { t } = useCommonText();
  return (
    // orange text on white stays under AA contrast (3.6:1): the lock is orange, the word is not
    <Group gap={4} wrap="nowrap" component="span">
      <IconLock size={14} aria-hidden color="var(--mantine-color-orange-8)" />
      <Text span size="xs" fw={600}>
        {t('confidentiality.RESTRICTED')}
      </Text>
    </Group>
  );
}

// light badges keep AA contrast (4.5:1) with these colours; teal, green and yellow do not
const consentColors: Record<(typeof consents)[number], string> = {
  PUBLIC: 'cyan',
  ANONYMISED: 'grape',
  CONFIDENTIAL: 'red',
};

export function ConsentBadge({ consent }: { consent: (typeof consents)[number] }) {
  const { t } = useCommonText();
  return (
    <Badge color={consentColors[consent]} variant="light">
      {t(`consent.${consent}`)}
    </Badge>
  );
}

const riskColors: Record<(typeof riskLevels)[number], string> = {
  LOW: 'green.6',
  MEDIUM: 'yellow.6',
  HIGH: 'orange.7',
  CRITICAL: 'red.8',
};

// A coloured dot with its word: never colour alone.
export function RiskLevel({ level }: { level: (typeof riskLevels)[number] }) {
  const { t } = useCommonText();
  return (
    <Group gap={6} wrap="nowrap" component="span">
      <ColorSwatch
        color={`var(--mantine-color-${riskColors[level].replace('.', '-')})`}
        size={10}
      />
      <Text span size="sm">
        {t(`riskLevel.${level}`)}
      </Text>
    </Group>
  );
}

export function PrecisionDate({
  date,
  precision,
}: {
  date: string;
  precision?: (typeof datePrecisions)[number];
}) {
  return (
    <time dateTime={date} style={{ whiteSpace: 'nowrap' }}>
      {formatDate(date, precision)}
    </time>
  );
}

// A vocabulary code shown as its label, with its description on hover or focus.
export function TermLabel({ vocabulary, code }: { vocabulary: VocabularyName; code: string }) {
  const term = useTerm()(vocabulary, code);
  const { t } = useCommonText();
  const label = term.retired ? `${term.label} (${t('vocabulary.retired')})` : term.label;
  if (!term.description) return <span>{label}</span>;
  return (
    <Tooltip label={term.description}>
      <span tabIndex={0} style={{ textDecoration: 'underline dotted' }}>
        {label}
      </span>
    </Tooltip>
  );
}
