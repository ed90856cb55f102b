import { Blockquote, Button, Loader, Text } from '@mantine/core';
import type { IncidentListItem } from '@vigil/shared/schemas/incidents';
import { Link } from 'react-router';
import { EmptyState, QueryState } from '../../../components/ui/QueryState.tsx';
import { useAppAbility } from '../../../lib/ability.ts';
import { formatRelative } from '../../../lib/format.ts';
import { useSessionUser } from '../../../lib/session.ts';
import { useHomeIncidents } from '../api/get-incidents.ts';
import { useReturnTransitions } from '../api/get-return-comments.ts';
import { useHomeText } from '../i18n/index.ts';
import { HomeBlock } from './HomeBlock.tsx';
import { IncidentItems } from './IncidentItems.tsx';

function ReturnComments({ incidents }: { incidents: readonly IncidentListItem[] }) {
  const { t } = useHomeText();
  const transitions = useReturnTransitions(incidents.map((incident) => incident.id));
  const commentOf = (incident: IncidentListItem) => {
    const query = transitions[incidents.indexOf(incident)];
    if (!query || query.isPending) return <Loader size="xs" aria-label={t('returned.comment')} />;
    if (query.error) {
      return (
        <Text size="sm" c="red">
          {t('returned.commentFailed')}
        </Text>
      );
    }
    const transition = query.data;
    if (!transition?.comment) {
      return (
        <Text size="sm" c="dimmed">
          {t('returned.noComment')}
        </Text>
      );
    }
    return (
      <Blockquote color="orange" p="xs" pl="sm" mt={2} radius="sm">
        <Text size="xs" c="dimmed">
          {t('returned.comment', { when: formatRelative(transition.at) })}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {transition.comment}
        </Text>
      </Blockquote>
    );
  };
  return <IncidentItems incidents={incidents} extra={commentOf} />;
}

// A researcher's own work: what came back from review, their drafts, their latest changes.
export function ResearcherBlocks() {
  const { t } = useHomeText();
  const user = useSessionUser();
  const ability = useAppAbility();
  const mine = { createdById: user.id, sort: '-updatedAt' } as const;
  const returned = useHomeIncidents({ ...mine, returned: 'true', limit: 5 });
  const drafts = useHomeIncidents({ ...mine, status: 'DRAFT', returned: 'false', limit: 8 });
  const recent = useHomeIncidents({ ...mine, limit: 5 });

  return (
    <>
      <HomeBlock title={t('returned.title')} description={t('returned.description')}>
        <QueryState query={returned}>
          {(list) =>
            list.items.length === 0 ? (
              <EmptyState title={t('returned.empty')} />
            ) : (
              <ReturnComments incidents={list.items} />
            )
          }
        </QueryState>
      </HomeBlock>
      <HomeBlock title={t('drafts.title')} description={t('drafts.description')}>
        <QueryState query={drafts}>
          {(list) =>
            list.items.length === 0 ? (
              <EmptyState title={t('drafts.empty')}>
                {ability.can('create', 'Incident') && (
                  <Button component={Link} to="/incidents/new" variant="light" size="xs">
                    {t('logIncident')}
                  </Button>
                )}
              </EmptyState>
            ) : (
              <IncidentItems incidents={list.items} />
            )
          }
        </QueryState>
      </HomeBlock>
      <HomeBlock title={t('recent.title')} description={t('recent.description')}>
        <QueryState query={recent}>
          {(list) =>
            list.items.length === 0 ? (
              <EmptyState title={t('recent.empty')} />
            ) : (
              <IncidentItems incidents={list.items} />
            )
          }
        </QueryState>
      </HomeBlock>
    </>
  );
}
