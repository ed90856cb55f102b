import { describe, expect, it } from 'vitest';
import { countsByPeriod, periodKeys } from './periods.ts';

describe('periods of the monthly chart', () => {
  it('when incidents span a few months, then every month between the first and the last is a bar, empty ones too, across the new year', () => {
    expect(
      periodKeys([
        { key: '2025-11', count: 2 },
        { key: '2026-02', count: 1 },
      ]),
    ).toEqual({ unit: 'month', keys: ['2025-11', '2025-12', '2026-01', '2026-02'] });
  });

  it('when incidents span more than three years, then the bars are years, and months add up into them', () => {
    const months = [
      { key: '2021-12', count: 2 },
      { key: '2022-03', count: 1 },
      { key: '2022-07', count: 4 },
      { key: '2025-01', count: 3 },
    ];
    expect(periodKeys(months)).toEqual({
      unit: 'year',
      keys: ['2021', '2022', '2023', '2024', '2025'],
    });
    expect([...countsByPeriod(months, 'year')]).toEqual([
      ['2021', 2],
      ['2022', 5],
      ['2025', 3],
    ]);
  });

  it('when there are no incidents, then there are no bars', () => {
    expect(periodKeys([])).toEqual({ unit: 'month', keys: [] });
  });
});
