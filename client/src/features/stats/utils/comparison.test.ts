import { describe, expect, it } from 'vitest';
import { compareBuckets, comparisonPeriods } from './comparison.ts';

describe('comparisonPeriods', () => {
  it('when this year is compared, then it runs from 1 January to today against the same days last year', () => {
    expect(comparisonPeriods('year', '2026-12-02')).toEqual({
      current: { from: '2026-01-01', to: '2026-12-02' },
      previous: { from: '2025-01-01', to: '2025-12-02' },
    });
  });

  it('when today is 29 February, then last year’s stretch ends on 28 February', () => {
    expect(comparisonPeriods('year', '2028-02-29')?.previous).toEqual({
      from: '2027-01-01',
      to: '2027-02-28',
    });
  });

  it('when this quarter is compared in its third month, then the previous quarter is cut at the same point, or at its month’s last day', () => {
    expect(comparisonPeriods('quarter', '2026-05-31')).toEqual({
      current: { from: '2026-04-01', to: '2026-05-31' },
      previous: { from: '2026-01-01', to: '2026-02-28' },
    });
    expect(comparisonPeriods('quarter', '2026-01-15')).toEqual({
      current: { from: '2026-01-01', to: '2026-01-15' },
      previous: { from: '2025-10-01', to: '2025-10-15' },
    });
  });

  it('when this month is compared in January, then it is set against December of the year before', () => {
    expect(comparisonPeriods('month', '2026-01-31')).toEqual({
      current: { from: '2026-01-01', to: '2026-01-31' },
      previous: { from: '2025-12-01', to: '2025-12-31' },
    });
    expect(comparisonPeriods('month', '2026-03-31')?.previous).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
  });

  it('when a custom period is chosen, then it is set against as many days just before it, and an incomplete or reversed one gives nothing', () => {
    expect(
      comparisonPeriods('custom', '2026-12-02', { from: '2026-03-01', to: '2026-03-10' }),
    ).toEqual({
      current: { from: '2026-03-01', to: '2026-03-10' },
      previous: { from: '2026-02-19', to: '2026-02-28' },
    });
    expect(comparisonPeriods('custom', '2026-12-02', { from: '2026-03-01' })).toBeUndefined();
    expect(
      comparisonPeriods('custom', '2026-12-02', { from: '2026-03-10', to: '2026-03-01' }),
    ).toBeUndefined();
  });
});

describe('compareBuckets', () => {
  it('when buckets differ between the periods, then each key of either appears with its change in count and ratio, largest now first', () => {
    const rows = compareBuckets(
      [
        { key: 'KH', count: 12 },
        { key: 'MM', count: 3 },
        { key: 'TH', count: 5 },
      ],
      [
        { key: 'KH', count: 8 },
        { key: 'TH', count: 10 },
        { key: 'VN', count: 4 },
      ],
    );
    expect(rows).toEqual([
      { key: 'KH', current: 12, previous: 8, change: 4, ratio: 0.5 },
      { key: 'TH', current: 5, previous: 10, change: -5, ratio: -0.5 },
      { key: 'MM', current: 3, previous: 0, change: 3, ratio: null },
      { key: 'VN', current: 0, previous: 4, change: -4, ratio: -1 },
    ]);
  });

  it('when both periods are empty, then there are no rows', () => {
    expect(compareBuckets([], [])).toEqual([]);
  });
});
