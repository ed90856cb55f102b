import { Button, SimpleGrid, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { Role } from '@vigil/shared/enums';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/ui/PageHeader.tsx';
import { Can } from '../../../lib/ability.ts';
import { useSessionUser } from '../../../lib/session.ts';
import { useHomeText } from '../i18n/index.ts';
import { partOfDay } from '../utils/dates.ts';
import { ComingAdvocacyBlock, UncoveredIncidentsBlock } from './AdvocacyBlocks.tsx';
import { UsersBlock, VocabulariesBlock } from './AdminBlocks.tsx';
import { ResearcherBlocks } from './ResearcherBlocks.tsx';
import { LatestIncidentsBlock, ReviewQueueBlock, TeamWeekBlock } from './ReviewBlocks.tsx';

// Each role's morning: the work that waits for them, nearest first.
const blocksByRole: Record<Role, () => ReactNode> = {
  RESEARCHER: () => <ResearcherBlocks />,
  MANAGER: () => (
    <>
      <ReviewQueueBlock />
      <TeamWeekBlock />
      <LatestIncidentsBlock />
    </>
  ),
  ADVOCACY: () => (
    <>
      <UncoveredIncidentsBlock />
      <ComingAdvocacyBlock />
    </>
  ),
  ADMIN: () => (
    <>
      <UsersBlock />
      <VocabulariesBlock />
      <ReviewQueueBlock />
      <TeamWeekBlock />
    </>
  ),
};

export function HomePage() {
  const user = useSessionUser();
  const { t } = useHomeText();
  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title={t(`title.${partOfDay(new Date())}`, { name: user.name })}
        documentTitle={t('documentTitle')}
        description={t(`purpose.${user.role}`)}
        actions={
          <Can I="create" a="Incident">
            <Button
              component={Link}
              to="/incidents/new"
              leftSection={<IconPlus size={16} aria-hidden />}
            >
              {t('logIncident')}
            </Button>
          </Can>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" verticalSpacing="md">
        {blocksByRole[user.role]()}
      </SimpleGrid>
      <Text size="sm" c="dimmed" mt="lg">
        {t('shortcut')}
      </Text>
    </section>
  );
}
