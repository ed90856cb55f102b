import { Alert, Button, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconEyeOff } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { sourcesToVerify, type IncidentOutput } from '@vigil/shared/schemas/incidents';
import { useEffect, useState } from 'react';
import {
  SensitiveRecordedNote,
  SensitiveValue,
} from '../../../../components/ui/SensitiveValue.tsx';
import { TermLabel } from '../../../../components/ui/RecordBadges.tsx';
import { useAppAbility } from '../../../../lib/ability.ts';
import { incidentQueryOptions } from '../../api/get-incident.ts';
import { incidentKeys } from '../../api/keys.ts';
import { useIncidentsText } from '../../i18n/index.ts';
import { incidentSubject } from '../incident-subject.ts';

// Sources with their identities masked. "Show" reads the incident again with
// include=sensitive (the server records that reading); the identities stay on screen until
// "Hide" or until the user leaves the page, and are never kept anywhere else.
export function SourcesSection({ incident }: { incident: IncidentOutput }) {
  const { t } = useIncidentsText();
  const ability = useAppAbility();
  const queryClient = useQueryClient();
  const canShow = ability.can('read', incidentSubject(incident), 'sources.identity');
  const [revealed, setRevealed] = useState(false);
  const sensitive = useQuery({
    ...incidentQueryOptions(incident.id, { sensitive: true }),
    enabled: revealed && canShow,
  });
  const shown = revealed && sensitive.data ? sensitive.data.sources : undefined;

  // the reading is now in the audit log: its history on this page catches up
  const readAt = sensitive.dataUpdatedAt;
  useEffect(() => {
    if (readAt) void queryClient.invalidateQueries({ queryKey: incidentKeys.audit(incident.id) });
  }, [readAt, incident.id, queryClient]);

  const few = incident.sources.length < sourcesToVerify;

  return (
    <Paper component="section" aria-labelledby="incident-sources">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={2} id="incident-sources">
            {t('detail.sources.title')}
          </Title>
          <Group gap="xs">
            <Text size="sm" c="dimmed" fw={few ? 700 : undefined}>
              {t('detail.sources.count', { count: incident.sources.length })}
            </Text>
            {shown && (
              <Button
                size="compact-sm"
                variant="subtle"
                leftSection={<IconEyeOff size={14} aria-hidden />}
                onClick={() => {
                  setRevealed(false);
                  // nothing of them stays in memory; showing them again is another reading
                  queryClient.removeQueries({
                    queryKey: incidentKeys.detail(incident.id, { sensitive: true }),
                  });
                }}
              >
                {t('detail.sources.hide')}
              </Button>
            )}
          </Group>
        </Group>
        {incident.sources.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('detail.sources.none')}
          </Text>
        )}
        {sensitive.error && (
          <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {t('detail.sources.showFailed', { message: sensitive.error.message })}
          </Alert>
        )}
        <Stack gap="sm" component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {incident.sources.map((source, index) => {
            const identity = shown?.[index]?.identity;
            return (
              <Card key={index} withBorder padding="sm" component="li">
                <Stack gap={6}>
                  <Group gap="xs" wrap="wrap" justify="space-between">
                    <Text fw={600} size="sm">
                      <TermLabel vocabulary="sourceKinds" code={source.kind} />
                    </Text>
                    <Text size="sm" c="dimmed">
                      {t(`reliability.${source.reliability}`, { ns: 'common' })}
                    </Text>
                  </Group>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {source.description}
                  </Text>
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
                      {t('detail.sources.identity')}
                    </Text>
                    <SensitiveValue
                      field={t('detail.sources.identityField')}
                      value={
                        shown === undefined
                          ? undefined
                          : (identity ?? t('detail.sources.noIdentity'))
                      }
                      canShow={canShow}
                      onShow={() => setRevealed(true)}
                      loading={revealed && sensitive.isFetching}
                    />
                  </Group>
                </Stack>
              </Card>
            );
          })}
        </Stack>
        {shown && <SensitiveRecordedNote />}
      </Stack>
    </Paper>
  );
}
