import type { IncidentFilters } from '@vigil/shared/schemas/incidents';
import type { IncidentGrouping } from '@vigil/shared/schemas/stats';
import { queryString } from '../../../lib/list-params.ts';

// The incident list's filter for each grouping; sector and gender have none, so their charts
// open nothing.
const listFilterOf: Partial<
  Record<IncidentGrouping, 'country' | 'violation' | 'perpetrator' | 'status'>
> = {
  country: 'country',
  violation: 'violation',
  perpetrator: 'perpetrator',
  status: 'status',
};

export function incidentListPath(filters: IncidentFilters, changes: Partial<IncidentFilters>) {
  return `/incidents${queryString({ ...filters, ...changes })}`;
}

// The incident list narrowed to one bucket of a chart, on top of the dashboard's filters.
export function bucketPath(
  filters: IncidentFilters,
  groupBy: IncidentGrouping,
  key: string,
): string | undefined {
  const filter = listFilterOf[groupBy];
  return filter ? incidentListPath(filters, { [filter]: [key] }) : undefined;
}

const lastDayOfMonth = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

// A month (`2024-03`) or a year (`2024`) of the monthly chart as the list's `from` and `to`,
// kept inside the dashboard's own dates.
export function periodOf(key: string, filters: IncidentFilters): { from: string; to: string } {
  const [year, month] = key.split('-').map(Number) as [number, number | undefined];
  const from = month ? `${key}-01` : `${key}-01-01`;
  const to = month ? lastDayOfMonth(year, month) : `${key}-12-31`;
  return {
    from: filters.from && filters.from > from ? filters.from : from,
    to: filters.to && filters.to < to ? filters.to : to,
  };
}

export function periodPath(filters: IncidentFilters, key: string) {
  return incidentListPath(filters, periodOf(key, filters));
}
