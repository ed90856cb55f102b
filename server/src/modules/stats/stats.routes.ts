import {
  incidentStatsOutput,
  incidentStatsQuery,
  teamStatsOutput,
  teamStatsQuery,
} from '@vigil/shared/schemas/stats';
import { ctxOf } from '../../http/request-context.ts';
import { createRoutes } from '../../http/routes.ts';
import { incidentStats, teamStats } from './stats.service.ts';

export const statsRoutes = createRoutes('/stats');

statsRoutes.get(
  '/incidents',
  {
    summary:
      'Incidents the caller may read, counted by one grouping, with the incident list filters',
    query: incidentStatsQuery,
    response: incidentStatsOutput,
  },
  ({ query }, req) => incidentStats(ctxOf(req), query),
);

statsRoutes.get(
  '/team',
  {
    summary:
      'Per person and ISO week: incidents created, submitted, verified and returned, in the caller’s countries (managers and admins)',
    query: teamStatsQuery,
    response: teamStatsOutput,
  },
  ({ query }, req) => teamStats(ctxOf(req), query),
);
