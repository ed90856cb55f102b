import type { StatsBucket } from '@vigil/shared/schemas/stats';

export const comparisonPresets = ['year', 'quarter', 'month', 'custom'] as const;
export type ComparisonPreset = (typeof comparisonPresets)[number];

export interface Period {
  // ISO days, both included, as the list's `from` and `to`
  from: string;
  to: string;
}

const day = 24 * 60 * 60 * 1000;
const iso = (time: number) => new Date(time).toISOString().slice(0, 10);
const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);

// The same day `months` earlier, or the last day of that month when it is shorter (31 May
// three months back is 28 or 29 February).
function monthsBefore(date: string, months: number): string {
  const [year, month, dayOfMonth] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(year, month - 1 - months, 1));
  const lastDay = new Date(
    Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, 0),
  ).getUTCDate();
  shifted.setUTCDate(Math.min(dayOfMonth, lastDay));
  return iso(shifted.getTime());
}

// This year, quarter or month so far against the same stretch of the one before (1 Jan to 2 Dec
// against 1 Jan to 2 Dec last year), so that a period still under way is not set against a
// whole one. A custom period is set against the same number of days just before it.
export function comparisonPeriods(
  preset: ComparisonPreset,
  today: string,
  custom?: Partial<Period>,
): { current: Period; previous: Period } | undefined {
  if (preset === 'custom') {
    if (!custom?.from || !custom.to || custom.to < custom.from) return undefined;
    const length = utc(custom.to) - utc(custom.from) + day;
    return {
      current: { from: custom.from, to: custom.to },
      previous: { from: iso(utc(custom.from) - length), to: iso(utc(custom.from) - day) },
    };
  }
  const [year, month] = today.split('-').map(Number) as [number, number];
  const startMonth = { year: 1, quarter: month - ((month - 1) % 3), month }[preset];
  const back = { year: 12, quarter: 3, month: 1 }[preset];
  const from = iso(Date.UTC(year, startMonth - 1, 1));
  return {
    current: { from, to: today },
    previous: { from: monthsBefore(from, back), to: monthsBefore(today, back) },
  };
}

export interface ComparedBucket {
  key: string;
  current: number;
  previous: number;
  change: number;
  // change / previous; null when there was nothing before (a rise from zero has no percent)
  ratio: number | null;
}

export function compareCounts(key: string, current: number, previous: number): ComparedBucket {
  const change = current - previous;
  return { key, current, previous, change, ratio: previous === 0 ? null : change / previous };
}

// Every bucket of either period, with its change; largest now first, then largest before.
export function compareBuckets(
  current: readonly StatsBucket[],
  previous: readonly StatsBucket[],
): ComparedBucket[] {
  const counts = new Map<string, { current: number; previous: number }>();
  for (const bucket of current) counts.set(bucket.key, { current: bucket.count, previous: 0 });
  for (const bucket of previous) {
    const entry = counts.get(bucket.key) ?? { current: 0, previous: 0 };
    entry.previous = bucket.count;
    counts.set(bucket.key, entry);
  }
  return [...counts]
    .map(([key, { current: now, previous: before }]) => compareCounts(key, now, before))
    .sort(
      (a, b) =>
        b.current - a.current ||
        b.previous - a.previous ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
}

// Today in the viewer's own calendar, as an ISO day.
export function localToday(now = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}
