import '@mantine/charts/styles.css';
import { Alert, Button, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { isoDate } from '@vigil/shared/schemas/common';
import { incidentFilters } from '@vigil/shared/schemas/incidents';
import { z } from 'zod';
import {
  IncidentFilters,
  useIncidentFilterChips,
} from '../../../components/ui/IncidentFilters.tsx';
import { PageHeader } from '../../../components/ui/PageHeader.tsx';
import { EmptyState, QueryState } from '../../../components/ui/QueryState.tsx';
import { useAppAbility } from '../../../lib/ability.ts';
import { useListParams } from '../../../lib/list-params.ts';
import { useIncidentStats } from '../api/get-incident-stats.ts';
import { useStatsText } from '../i18n/index.ts';
import { comparisonPresets } from '../utils/comparison.ts';
import { BreakdownChart } from './BreakdownChart.tsx';
import { comparableGroupings, ComparisonPanel } from './ComparisonPanel.tsx';
import classes from './dashboard.module.css';
import { GenderChart } from './GenderChart.tsx';
import { MonthlyChart } from './MonthlyChart.tsx';
import { PipelineChart } from './PipelineChart.tsx';
import { TeamChart } from './TeamChart.tsx';

// The dashboard's address: the incident list's filters (the same schema the API checks them
// with), and the comparison's choices.
const dashboardQuery = z.strictObject({
  ...incidentFilters,
  compare: z.enum(comparisonPresets).default('year'),
  compareBy: z.enum(comparableGroupings).default('violation'),
  compareFrom: isoDate.optional(),
  compareTo: isoDate.optional(),
});

export function DashboardPage() {
  const { t } = useStatsText();
  const ability = useAppAbility();
  const { query, update, clear } = useListParams(dashboardQuery);
  const { compare, compareBy, compareFrom, compareTo, ...filters } = query;
  // the pipeline's counts tell whether anything matches at all
  const chips = useIncidentFilterChips(filters, update);
  const canRead = ability.can('read', 'Statistics');
  const statuses = useIncidentStats({ groupBy: 'status', ...filters }, canRead);

  if (!canRead) {
    return (
      <section aria-labelledby="page-title">
        <PageHeader title={t('title')} />
        <Alert color="red" role="alert">
          {t('state.noAccess', { ns: 'common', section: t('title') })}
        </Alert>
      </section>
    );
  }

  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Button
            variant="default"
            className={classes.noPrint}
            leftSection={<IconPrinter size={16} aria-hidden />}
            onClick={() => window.print()}
          >
            {t('print')}
          </Button>
        }
      />
      <Stack gap="md">
        <div className={classes.noPrint}>
          <IncidentFilters query={filters} update={update} clear={clear} />
        </div>
        {/* on paper, the filters in words instead of the bar */}
        <Text className={classes.screenHidden}>
          {chips.length > 0
            ? t('printedFilters', { filters: chips.map((chip) => chip.label).join('; ') })
            : t('printedNoFilters')}
        </Text>
        <QueryState query={statuses}>
          {(counted) =>
            counted.total === 0 ? (
              <EmptyState title={t('empty')}>
                <Button variant="light" onClick={clear} className={classes.noPrint}>
                  {t('actions.clearFilters', { ns: 'common' })}
                </Button>
              </EmptyState>
            ) : (
              <Stack gap="md">
                <MonthlyChart filters={filters} />
                <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
                  <BreakdownChart groupBy="country" filters={filters} />
                  <BreakdownChart groupBy="violation" filters={filters} />
                  <BreakdownChart groupBy="perpetrator" filters={filters} />
                  <BreakdownChart groupBy="sector" filters={filters} />
                  <GenderChart filters={filters} />
                  <PipelineChart filters={filters} />
                </SimpleGrid>
                <ComparisonPanel
                  filters={filters}
                  choice={{ compare, compareBy, compareFrom, compareTo }}
                  update={update}
                />
                {ability.can('read', 'TeamStatistics') && <TeamChart filters={filters} />}
              </Stack>
            )
          }
        </QueryState>
      </Stack>
    </section>
  );
}
