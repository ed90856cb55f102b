import type { StatsBucket } from '@vigil/shared/schemas/stats';

// past three years of months the bars are too thin to read: the chart counts years instead
const maxMonths = 36;

// Every month from the first to the last with incidents (empty months too), or every year.
export function periodKeys(months: readonly StatsBucket[]): {
  unit: 'month' | 'year';
  keys: string[];
} {
  const first = months[0]?.key;
  const last = months[months.length - 1]?.key;
  if (!first || !last) return { unit: 'month', keys: [] };
  const [firstYear, firstMonth] = first.split('-').map(Number) as [number, number];
  const [lastYear, lastMonth] = last.split('-').map(Number) as [number, number];
  const count = (lastYear - firstYear) * 12 + lastMonth - firstMonth + 1;
  if (count > maxMonths) {
    return {
      unit: 'year',
      keys: Array.from({ length: lastYear - firstYear + 1 }, (_, index) =>
        String(firstYear + index),
      ),
    };
  }
  return {
    unit: 'month',
    keys: Array.from({ length: count }, (_, index) => {
      const month = firstMonth - 1 + index;
      return `${firstYear + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    }),
  };
}

// Counts per period from month buckets (`2024-03` adds to `2024` when counting years).
export function countsByPeriod(
  buckets: readonly StatsBucket[] | undefined,
  unit: 'month' | 'year',
) {
  const counts = new Map<string, number>();
  for (const bucket of buckets ?? []) {
    const key = unit === 'year' ? bucket.key.slice(0, 4) : bucket.key;
    counts.set(key, (counts.get(key) ?? 0) + bucket.count);
  }
  return counts;
}
