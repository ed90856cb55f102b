import { Box, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import type { ReactNode } from 'react';
import {
  IncidentStatusBadge,
  PrecisionDate,
  RestrictedMark,
} from '../../../../components/ui/RecordBadges.tsx';
import { countryName, formatDateTime } from '../../../../lib/format.ts';
import { useIncidentsText } from '../../i18n/index.ts';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Box component="dd" m={0} fz="sm" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Box>
    </div>
  );
}

export function IncidentFacts({ incident }: { incident: IncidentOutput }) {
  const { t } = useIncidentsText();
  return (
    <Paper component="section" aria-labelledby="incident-facts">
      <Stack gap="sm">
        <Title order={2} id="incident-facts">
          {t('detail.facts.label')}
        </Title>
        <SimpleGrid component="dl" cols={{ base: 2, md: 1, lg: 2 }} spacing="sm" m={0}>
          <Fact label={t('detail.facts.status')}>
            <IncidentStatusBadge status={incident.status} />
          </Fact>
          <Fact label={t('detail.facts.verification')}>
            {t(`verification.${incident.verification}`, { ns: 'common' })}
          </Fact>
          <Fact label={t('detail.facts.date')}>
            <PrecisionDate date={incident.occurredOn} precision={incident.datePrecision} />
            <Text span size="xs" c="dimmed" display="block">
              {t(`datePrecision.${incident.datePrecision}`, { ns: 'common' })}
            </Text>
          </Fact>
          <Fact label={t('detail.facts.country')}>{countryName(incident.country)}</Fact>
          <Fact label={t('detail.facts.location')}>
            {incident.location ?? (
              <Text span c="dimmed" inherit>
                {t('detail.facts.noLocation')}
              </Text>
            )}
          </Fact>
          <Fact label={t('detail.facts.confidentiality')}>
            {incident.confidentiality === 'RESTRICTED' ? (
              <>
                <RestrictedMark />
                <Text size="xs" c="dimmed">
                  {t('detail.restrictedNotice')}
                </Text>
              </>
            ) : (
              t('confidentiality.STANDARD', { ns: 'common' })
            )}
          </Fact>
          <Fact label={t('detail.facts.logged')}>{formatDateTime(incident.createdAt)}</Fact>
          <Fact label={t('detail.facts.updated')}>{formatDateTime(incident.updatedAt)}</Fact>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
