import { Anchor, Group, Stack, Text } from '@mantine/core';
import { queryString } from '../../../lib/list-params.ts';
import { EmptyState, QueryState } from '../../../components/ui/QueryState.tsx';
import { AdvocacyStatusBadge, PrecisionDate } from '../../../components/ui/RecordBadges.tsx';
import { Link } from 'react-router';
import { useCommonText } from '../../../lib/i18n.ts';
import { useHomeAdvocacy } from '../api/get-advocacy.ts';
import { useHomeIncidents } from '../api/get-incidents.ts';
import { useHomeText } from '../i18n/index.ts';
import { isoDay } from '../utils/dates.ts';
import { HomeBlock } from './HomeBlock.tsx';
import { IncidentItems } from './IncidentItems.tsx';

const uncoveredFilters = { status: 'VERIFIED', linkedToAdvocacy: 'false' } as const;

// Verified incidents that no advocacy action links to yet: the cases waiting for a response.
export function UncoveredIncidentsBlock() {
  const { t } = useHomeText();
  const uncovered = useHomeIncidents({ ...uncoveredFilters, sort: '-updatedAt', limit: 10 });
  return (
    <HomeBlock
      title={t('uncovered.title')}
      description={t('uncovered.description')}
      more={{ to: `/incidents${queryString(uncoveredFilters)}`, label: t('uncovered.all') }}
    >
      <QueryState query={uncovered}>
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title={t('uncovered.empty')} />
          ) : (
            <IncidentItems incidents={list.items} />
          )
        }
      </QueryState>
    </HomeBlock>
  );
}

export function ComingAdvocacyBlock() {
  const { t } = useHomeText();
  const common = useCommonText();
  const coming = useHomeAdvocacy({ from: isoDay(new Date()), sort: 'date', limit: 8 });
  return (
    <HomeBlock
      title={t('coming.title')}
      description={t('coming.description')}
      more={{ to: '/advocacy', label: t('coming.plan') }}
    >
      <QueryState query={coming}>
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title={t('coming.empty')} />
          ) : (
            <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
              {list.items.map((action) => (
                <Stack component="li" key={action.id} gap={4}>
                  <Anchor
                    component={Link}
                    to={`/advocacy/${action.id}`}
                    fw={600}
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {action.title}
                  </Anchor>
                  <Group gap="xs" wrap="wrap">
                    <Text span size="sm" fw={600}>
                      <PrecisionDate date={action.date} />
                    </Text>
                    <Text span size="sm">
                      {common.t(`advocacyKind.${action.kind}`)}
                    </Text>
                    <AdvocacyStatusBadge status={action.status} />
                    {action.venue && (
                      <Text span size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        {t('coming.venue', { venue: action.venue })}
                      </Text>
                    )}
                  </Group>
                </Stack>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </HomeBlock>
  );
}
