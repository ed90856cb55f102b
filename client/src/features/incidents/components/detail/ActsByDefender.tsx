import { Anchor, Badge, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconUserShield } from '@tabler/icons-react';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '../../../../components/ui/QueryState.tsx';
import { PrecisionDate, TermLabel } from '../../../../components/ui/RecordBadges.tsx';
import { useDefendersByIds } from '../../../../lib/lookups.ts';
import { useIncidentsText } from '../../i18n/index.ts';

type Act = IncidentOutput['acts'][number];
type Charge = IncidentOutput['charges'][number];

interface DefenderGroup {
  defenderId: string;
  acts: Act[];
  charges: Charge[];
}

// One group per defender, in the order they first appear in the acts, then any charged
// defender without an act.
function groupByDefender(incident: IncidentOutput): DefenderGroup[] {
  const groups = new Map<string, DefenderGroup>();
  const groupOf = (defenderId: string) => {
    let group = groups.get(defenderId);
    if (!group) {
      group = { defenderId, acts: [], charges: [] };
      groups.set(defenderId, group);
    }
    return group;
  };
  for (const act of incident.acts) groupOf(act.defenderId).acts.push(act);
  for (const charge of incident.charges) groupOf(charge.defenderId).charges.push(charge);
  return [...groups.values()];
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={{ base: '40%', sm: 170 }} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div" miw={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Group>
  );
}

function Multiline({ text }: { text: string }) {
  return (
    <Text span inherit style={{ whiteSpace: 'pre-wrap' }}>
      {text}
    </Text>
  );
}

function ActItem({ act }: { act: Act }) {
  const { t } = useIncidentsText();
  const notRecorded = (
    <Text span c="dimmed" inherit>
      {t('detail.acts.notRecorded')}
    </Text>
  );
  return (
    <Stack gap={4} component="li">
      <Text fw={600} size="sm">
        <TermLabel vocabulary="violations" code={act.violation} />
      </Text>
      <Field label={t('detail.acts.perpetrators')}>
        {act.perpetrators.length === 0
          ? notRecorded
          : act.perpetrators.map((code, index) => (
              <span key={code}>
                {index > 0 && ', '}
                <TermLabel vocabulary="perpetrators" code={code} />
              </span>
            ))}
      </Field>
      <Field label={t('detail.acts.victimStatus')}>
        {act.victimStatus ? (
          <TermLabel vocabulary="victimStatus" code={act.victimStatus} />
        ) : (
          notRecorded
        )}
      </Field>
      {act.notes && (
        <Field label={t('detail.acts.notes')}>
          <Multiline text={act.notes} />
        </Field>
      )}
    </Stack>
  );
}

function ChargeItem({ charge }: { charge: Charge }) {
  const { t } = useIncidentsText();
  return (
    <Stack gap={4} component="li">
      <Group gap="xs" wrap="wrap">
        <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
          {charge.law}
        </Text>
        <Badge variant="outline" color="gray">
          <TermLabel vocabulary="chargeStatus" code={charge.status} />
        </Badge>
      </Group>
      {charge.description && (
        <Field label={t('detail.charges.description')}>
          <Multiline text={charge.description} />
        </Field>
      )}
      {charge.filedOn && (
        <Field label={t('detail.charges.filedOn')}>
          <PrecisionDate date={charge.filedOn} />
        </Field>
      )}
      {charge.sentence && <Field label={t('detail.charges.sentence')}>{charge.sentence}</Field>}
    </Stack>
  );
}

const listStyle = { listStyle: 'none', margin: 0, padding: 0 } as const;

// The acts of the incident, per defender, with each defender's charges: "who did what to whom".
export function ActsByDefender({ incident }: { incident: IncidentOutput }) {
  const { t } = useIncidentsText();
  const groups = groupByDefender(incident);
  const defenders = useDefendersByIds(groups.map((group) => group.defenderId));

  return (
    <Paper component="section" aria-labelledby="incident-acts">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={2} id="incident-acts">
            {t('detail.acts.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('detail.acts.count', { count: incident.acts.length })}
          </Text>
        </Group>
        {defenders.error && (
          <ErrorState error={defenders.error} onRetry={() => void defenders.refetch()} />
        )}
        <SimpleGrid cols={1} spacing="sm">
          {groups.map((group) => {
            const defender = defenders.data?.get(group.defenderId);
            const name = defender ? (
              <Anchor component={Link} to={`/defenders/${defender.id}`} fw={600}>
                {defender.displayName}
              </Anchor>
            ) : (
              <Text fw={600} c="dimmed" fs="italic">
                {defenders.error
                  ? t('detail.acts.nameFailed')
                  : defenders.isPending
                    ? t('state.loading', { ns: 'common' })
                    : t('sensitive.outsideAccess', { ns: 'common' })}
              </Text>
            );
            return (
              <Card key={group.defenderId} withBorder padding="sm" component="article">
                <Stack gap="sm">
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    <IconUserShield size={18} aria-hidden style={{ flexShrink: 0, marginTop: 3 }} />
                    <Stack gap={0} miw={0}>
                      <Title order={3} fz="md">
                        {name}
                      </Title>
                      {defender && defender.aliases.length > 0 && (
                        <Text size="xs" c="dimmed">
                          {defender.aliases.join(' · ')}
                        </Text>
                      )}
                    </Stack>
                  </Group>
                  {group.acts.length > 0 && (
                    <Stack gap="sm" component="ul" style={listStyle}>
                      {group.acts.map((act, index) => (
                        <ActItem key={`${act.violation}-${index}`} act={act} />
                      ))}
                    </Stack>
                  )}
                  {group.charges.length > 0 && (
                    <Stack gap="xs">
                      <Title order={4} fz="sm">
                        {t('detail.charges.title')}
                      </Title>
                      <Stack gap="sm" component="ul" style={listStyle}>
                        {group.charges.map((charge, index) => (
                          <ChargeItem key={`${charge.law}-${index}`} charge={charge} />
                        ))}
                      </Stack>
                    </Stack>
                  )}
                </Stack>
              </Card>
            );
          })}
        </SimpleGrid>
        {incident.charges.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('detail.charges.none')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
