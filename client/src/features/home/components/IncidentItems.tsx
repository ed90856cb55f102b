import { Anchor, Group, Stack, Text } from '@mantine/core';
import type { IncidentListItem } from '@vigil/shared/schemas/incidents';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import {
  IncidentStatusBadge,
  PrecisionDate,
  ReferenceBadge,
  RestrictedMark,
} from '../../../components/ui/RecordBadges.tsx';
import { countryName, formatRelative } from '../../../lib/format.ts';
import { useHomeText } from '../i18n/index.ts';

interface IncidentItemsProps {
  incidents: readonly IncidentListItem[];
  // which moment the line reports: the last change (default) or when it was logged
  moment?: 'updated' | 'created';
  // more under an incident (the reviewer's comment)
  extra?: (incident: IncidentListItem) => ReactNode;
}

// Incidents as UI.md names them: reference badge and title, then status, date and country.
export function IncidentItems({ incidents, moment = 'updated', extra }: IncidentItemsProps) {
  const { t } = useHomeText();
  return (
    <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
      {incidents.map((incident) => (
        <Stack component="li" key={incident.id} gap={4}>
          <Anchor
            component={Link}
            to={`/incidents/${incident.id}`}
            fw={600}
            style={{ overflowWrap: 'anywhere' }}
          >
            <ReferenceBadge reference={incident.reference} /> {incident.title}
          </Anchor>
          <Group gap="xs" wrap="wrap">
            <IncidentStatusBadge status={incident.status} />
            {incident.confidentiality === 'RESTRICTED' && <RestrictedMark />}
            <Text span size="sm">
              <PrecisionDate date={incident.occurredOn} precision={incident.datePrecision} />
            </Text>
            <Text span size="sm" c="dimmed">
              {countryName(incident.country)}
            </Text>
            <Text span size="sm" c="dimmed">
              {moment === 'created'
                ? t('created', { when: formatRelative(incident.createdAt) })
                : t('updated', { when: formatRelative(incident.updatedAt) })}
            </Text>
          </Group>
          {extra?.(incident)}
        </Stack>
      ))}
    </Stack>
  );
}
