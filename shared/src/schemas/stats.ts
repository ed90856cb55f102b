import { z } from 'zod';
import { id, isoDate } from './common.ts';
import { incidentFilters } from './incidents.ts';

// How incidents are counted: by a field of the incident (country, status, month of
// occurredOn), or by a field of their acts (violation, perpetrator) or of the acts' defenders
// (sector, gender), where an incident counts once in each bucket that any of its acts reaches.
export const incidentGroupings = [
  'country',
  'violation',
  'perpetrator',
  'sector',
  'gender',
  'month',
  'status',
] as const;
export type IncidentGrouping = (typeof incidentGroupings)[number];

export const incidentStatsQuery = z.strictObject({
  groupBy: z
    .enum(incidentGroupings)
    .describe(
      'violation, perpetrator: through the acts; sector, gender: through the acts’ defenders the caller may read; month: of occurredOn',
    ),
  ...incidentFilters,
});
export type IncidentStatsQuery = z.infer<typeof incidentStatsQuery>;

export const statsBucket = z.object({
  // a country, code or enum value; for `month` the month of occurredOn as YYYY-MM
  key: z.string(),
  count: z.number().int().nonnegative(),
});
export type StatsBucket = z.infer<typeof statsBucket>;

export const incidentStatsOutput = z.object({
  groupBy: z.enum(incidentGroupings),
  // months in calendar order, other keys by count (largest first), then key; only non-empty
  // buckets
  buckets: z.array(statsBucket),
  // the incidents counted; act-based buckets may add up to more (one incident, several acts)
  // or less (acts whose defender the caller may not read, defenders without a sector)
  total: z.number().int().nonnegative().describe('the number of incidents counted'),
});
export type IncidentStatsOutput = z.infer<typeof incidentStatsOutput>;

const day = 24 * 60 * 60 * 1000;
// the default period: the current week and the eleven before it
export const teamStatsDefaultWeeks = 12;
// Past two years the table of people by weeks stops being a dashboard.
export const teamStatsMaxDays = 2 * 366;

const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);
// The Monday of the ISO week of a day (weeks in UTC).
export function mondayOf(date: string): string {
  const time = Date.parse(date);
  const weekday = (new Date(time).getUTCDay() + 6) % 7;
  return dayOf(time - weekday * day);
}

// Both ends are days and both are included; `to` is today (UTC) when absent, `from` the Monday
// eleven weeks before `to`'s week when absent.
export const teamStatsQuery = z
  .strictObject({
    from: isoDate
      .optional()
      .describe('first day counted (default: the Monday eleven weeks before the week of `to`)'),
    to: isoDate.optional().describe('last day counted (default: today, UTC)'),
  })
  .transform(({ from, to }) => {
    const last = to ?? dayOf(Date.now());
    const first = from ?? dayOf(Date.parse(mondayOf(last)) - (teamStatsDefaultWeeks - 1) * 7 * day);
    return { from: first, to: last };
  })
  .refine(({ from, to }) => to >= from, {
    path: ['to'],
    message: '`to` (today when absent) must be on or after `from`',
  })
  .refine(({ from, to }) => Date.parse(to) - Date.parse(from) < teamStatsMaxDays * day, {
    path: ['from'],
    message: `At most ${teamStatsMaxDays} days`,
  });
export type TeamStatsQuery = z.output<typeof teamStatsQuery>;

const tally = z.number().int().nonnegative();

export const teamWeek = z.object({
  // the Monday of the ISO week (UTC)
  week: isoDate,
  userId: id,
  name: z.string(),
  // incidents this person created that week
  created: tally,
  // transitions this person made that week: to SUBMITTED, to VERIFIED, and SUBMITTED → DRAFT
  submitted: tally,
  verified: tally,
  returned: tally,
});
export type TeamWeek = z.infer<typeof teamWeek>;

// One row per person and week with any activity, by week, then name.
export const teamStatsOutput = z.object({ weeks: z.array(teamWeek) });
export type TeamStatsOutput = z.infer<typeof teamStatsOutput>;
