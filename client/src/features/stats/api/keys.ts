import type { IncidentStatsQuery, TeamStatsQuery } from '@vigil/shared/schemas/stats';

// One key factory for the statistics feature, under ['stats'] like the home page's team query.
export const statsKeys = {
  all: ['stats'] as const,
  incidents: (query: IncidentStatsQuery) => [...statsKeys.all, 'incidents', query] as const,
  team: (query: TeamStatsQuery) => [...statsKeys.all, 'team', query] as const,
};
