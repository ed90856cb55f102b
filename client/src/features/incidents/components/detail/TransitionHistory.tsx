import { Blockquote, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import { QueryState } from '../../../../components/ui/QueryState.tsx';
import { formatDateTime } from '../../../../lib/format.ts';
import { useSessionUser } from '../../../../lib/session.ts';
import { useIncidentTransitions } from '../../api/get-incident-transitions.ts';
import { useAuthorNames } from '../../api/get-author-names.ts';
import { useIncidentsText } from '../../i18n/index.ts';
import { whoDidIt } from './who.ts';

// Each step of the workflow, oldest first, with the comment a return carries.
export function TransitionHistory({ incident }: { incident: IncidentOutput }) {
  const { t } = useIncidentsText();
  const user = useSessionUser();
  const names = useAuthorNames();
  const transitions = useIncidentTransitions(incident.id);

  return (
    <Paper component="section" aria-labelledby="incident-history">
      <Stack gap="sm">
        <Title order={2} id="incident-history">
          {t('detail.history.title')}
        </Title>
        <QueryState query={transitions}>
          {({ items }) =>
            items.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('detail.history.none')}
              </Text>
            ) : (
              <Timeline bulletSize={12} lineWidth={2} active={items.length - 1}>
                {items.map((step) => (
                  <Timeline.Item
                    key={step.id}
                    title={
                      <Text size="sm" fw={600} component="span">
                        {t(`detail.history.${step.to}`, {
                          who: whoDidIt(t, step.actorId, {
                            me: user.id,
                            authorId: incident.createdById,
                            names,
                            reviewing: step.to !== 'SUBMITTED',
                          }),
                        })}
                      </Text>
                    }
                  >
                    <Text size="xs" c="dimmed">
                      <time dateTime={step.at}>{formatDateTime(step.at)}</time>
                    </Text>
                    {step.comment && (
                      <Blockquote
                        p="xs"
                        mt={4}
                        fz="sm"
                        color="orange"
                        cite={undefined}
                        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
                      >
                        {step.comment}
                      </Blockquote>
                    )}
                  </Timeline.Item>
                ))}
              </Timeline>
            )
          }
        </QueryState>
      </Stack>
    </Paper>
  );
}
