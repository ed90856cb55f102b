import { Table, Text } from '@mantine/core';
import { EmptyState, QueryState } from '../../../components/ui/QueryState.tsx';
import { useAppAbility } from '../../../lib/ability.ts';
import { formatDate, formatNumber } from '../../../lib/format.ts';
import { useSessionUser } from '../../../lib/session.ts';
import { useHomeIncidents } from '../api/get-incidents.ts';
import { useReviewTotal } from '../api/get-review-count.ts';
import { useTeamWeek } from '../api/get-team-week.ts';
import { useHomeText } from '../i18n/index.ts';
import { isoDay, mondayOf } from '../utils/dates.ts';
import { HomeBlock } from './HomeBlock.tsx';
import { IncidentItems } from './IncidentItems.tsx';

// The review queue: how many wait, and the oldest of them.
export function ReviewQueueBlock() {
  const { t } = useHomeText();
  const ability = useAppAbility();
  const total = useReviewTotal(ability.can('transition', 'Incident', 'VERIFIED'));
  const oldest = useHomeIncidents({ status: 'SUBMITTED', sort: 'updatedAt', limit: 5 });
  return (
    <HomeBlock title={t('review.title')} more={{ to: '/review', label: t('review.open') }}>
      <QueryState query={oldest}>
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title={t('review.empty')} />
          ) : (
            <>
              <Text fw={600}>{t('review.count', { count: total.data ?? list.items.length })}</Text>
              <IncidentItems incidents={list.items} />
            </>
          )
        }
      </QueryState>
    </HomeBlock>
  );
}

// What each person logged, submitted, verified and returned since Monday.
export function TeamWeekBlock() {
  const { t } = useHomeText();
  const user = useSessionUser();
  const ability = useAppAbility();
  const now = new Date();
  const monday = isoDay(mondayOf(now));
  const team = useTeamWeek(monday, isoDay(now), ability.can('read', 'TeamStatistics'));
  const counts = ['created', 'submitted', 'verified', 'returned'] as const;
  return (
    <HomeBlock
      title={t('team.title')}
      description={t('team.description', { from: formatDate(monday) })}
    >
      <QueryState query={team}>
        {(people) =>
          people.length === 0 ? (
            <EmptyState title={t('team.empty')} />
          ) : (
            // scrolls sideways on a phone: focusable so that a keyboard can scroll it too
            <Table.ScrollContainer
              minWidth={420}
              type="native"
              tabIndex={0}
              role="region"
              aria-label={t('team.caption')}
            >
              <Table striped verticalSpacing={6}>
                <Table.Caption>{t('team.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('team.person')}</Table.Th>
                    {counts.map((count) => (
                      <Table.Th key={count} scope="col" ta="right">
                        {t(`team.${count}`)}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {people.map((person) => (
                    <Table.Tr key={person.userId}>
                      <Table.Th scope="row" fw={500}>
                        {person.userId === user.id
                          ? t('team.you', { name: person.name })
                          : person.name}
                      </Table.Th>
                      {counts.map((count) => (
                        <Table.Td key={count} ta="right">
                          {formatNumber(person[count])}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </HomeBlock>
  );
}

export function LatestIncidentsBlock() {
  const { t } = useHomeText();
  const latest = useHomeIncidents({ sort: '-createdAt', limit: 10 });
  return (
    <HomeBlock
      title={t('latest.title')}
      description={t('latest.description')}
      more={{ to: '/incidents', label: t('latest.all') }}
    >
      <QueryState query={latest}>
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title={t('latest.empty')} />
          ) : (
            <IncidentItems incidents={list.items} moment="created" />
          )
        }
      </QueryState>
    </HomeBlock>
  );
}
