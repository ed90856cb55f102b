import { Anchor, Group, Text } from '@mantine/core';
import { IconFileAlert, IconGavel, IconSpeakerphone } from '@tabler/icons-react';
import type { AdvocacyOutput } from '@vigil/shared/schemas/advocacy';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import { Link } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState.tsx';
import {
  AdvocacyStatusBadge,
  IncidentStatusBadge,
  ReferenceBadge,
  RestrictedMark,
  TermLabel,
} from '../../../components/ui/RecordBadges.tsx';
import { RecordTimeline, type TimelineEntry } from '../../../components/ui/RecordTimeline.tsx';
import { useAppAbility } from '../../../lib/ability.ts';
import { useCommonText } from '../../../lib/i18n.ts';
import { useDefenderAdvocacy, useDefenderIncidents } from '../api/get-defender-timeline.ts';
import { useDefendersText } from '../i18n/index.ts';

function Terms({ vocabulary, codes }: { vocabulary: 'violations'; codes: string[] }) {
  return codes.map((code, index) => (
    <span key={code}>
      {index > 0 && ', '}
      <TermLabel vocabulary={vocabulary} code={code} />
    </span>
  ));
}

function IncidentTitle({ incident }: { incident: IncidentOutput }) {
  return (
    <Group gap="xs" wrap="wrap" align="center">
      <ReferenceBadge reference={incident.reference} />
      <Anchor component={Link} to={`/incidents/${incident.id}`} fw={600}>
        {incident.title}
      </Anchor>
      <IncidentStatusBadge status={incident.status} />
      {incident.confidentiality === 'RESTRICTED' && <RestrictedMark />}
    </Group>
  );
}

function useEntries(defenderId: string) {
  const { t } = useDefendersText();
  const common = useCommonText().t;
  const ability = useAppAbility();
  const incidents = useDefenderIncidents(defenderId, { enabled: ability.can('read', 'Incident') });
  const advocacy = useDefenderAdvocacy(defenderId, {
    enabled: ability.can('read', 'AdvocacyAction'),
  });

  const incidentEntries = (incident: IncidentOutput): TimelineEntry[] => {
    const violations = [
      ...new Set(
        incident.acts.filter((act) => act.defenderId === defenderId).map((act) => act.violation),
      ),
    ];
    const entry: TimelineEntry = {
      key: `incident-${incident.id}`,
      date: incident.occurredOn,
      precision: incident.datePrecision,
      kind: t('timeline.incident'),
      icon: <IconFileAlert size={14} aria-hidden />,
      title: <IncidentTitle incident={incident} />,
      children: violations.length > 0 && (
        <Text size="sm" c="dimmed" mt={4}>
          {t('timeline.violations')} <Terms vocabulary="violations" codes={violations} />
        </Text>
      ),
    };
    const charges = incident.charges
      .filter((charge) => charge.defenderId === defenderId)
      .map((charge, index): TimelineEntry => ({
        key: `charge-${incident.id}-${index}`,
        date: charge.filedOn ?? incident.occurredOn,
        precision: charge.filedOn ? 'DAY' : incident.datePrecision,
        kind: charge.filedOn ? t('timeline.chargeFiled') : t('timeline.charge'),
        icon: <IconGavel size={14} aria-hidden />,
        title: (
          <Text fw={600} size="sm">
            {charge.law}
          </Text>
        ),
        children: (
          <Text size="sm" c="dimmed" mt={4}>
            <TermLabel vocabulary="chargeStatus" code={charge.status} />
            {' · '}
            {t('timeline.inIncident', { reference: incident.reference })}
            {charge.sentence ? ` · ${t('timeline.sentence', { sentence: charge.sentence })}` : ''}
          </Text>
        ),
      }));
    return [entry, ...charges];
  };

  const advocacyEntry = (action: AdvocacyOutput): TimelineEntry => ({
    key: `advocacy-${action.id}`,
    date: action.date,
    kind: common(`advocacyKind.${action.kind}`),
    icon: <IconSpeakerphone size={14} aria-hidden />,
    title: (
      <Group gap="xs" wrap="wrap" align="center">
        <Anchor component={Link} to={`/advocacy/${action.id}`} fw={600}>
          {action.title}
        </Anchor>
        <AdvocacyStatusBadge status={action.status} />
      </Group>
    ),
  });

  return {
    incidents,
    advocacy,
    entries: [
      ...(incidents.data?.items.flatMap(incidentEntries) ?? []),
      ...(advocacy.data?.items.map(advocacyEntry) ?? []),
    ],
  };
}

// Everything that names the defender, newest first: their incidents (with the violations they
// suffered), the charges against them and the advocacy actions about them.
export function DefenderTimeline({ defenderId }: { defenderId: string }) {
  const { t } = useDefendersText();
  const { incidents, advocacy, entries } = useEntries(defenderId);
  const loading =
    (incidents.isPending && incidents.fetchStatus !== 'idle') ||
    (advocacy.isPending && advocacy.fetchStatus !== 'idle');
  const error = incidents.error ?? advocacy.error;

  if (loading) return <LoadingState />;
  if (error)
    return (
      <ErrorState
        error={error}
        onRetry={() => {
          void incidents.refetch();
          void advocacy.refetch();
        }}
      />
    );
  if (entries.length === 0) return <EmptyState title={t('timeline.empty')} />;
  return <RecordTimeline entries={entries} label={t('timeline.title')} />;
}
