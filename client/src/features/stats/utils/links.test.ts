import { describe, expect, it } from 'vitest';
import { bucketPath, periodOf, periodPath } from './links.ts';

describe('links from the dashboard to the incident list', () => {
  it('when a country bar is chosen, then the list opens on that country with the dashboard’s other filters', () => {
    expect(bucketPath({ country: ['KH', 'MM'], status: ['VERIFIED'] }, 'country', 'KH')).toBe(
      '/incidents?country=KH&status=VERIFIED',
    );
  });

  it('when a sector or gender is chosen, then there is no link, as the list has no such filter', () => {
    expect(bucketPath({}, 'sector', 'JOURNALIST_MEDIA')).toBeUndefined();
    expect(bucketPath({}, 'gender', 'FEMALE')).toBeUndefined();
  });

  it('when a month or a year is chosen, then the list opens on its first to last day, inside the dashboard’s dates', () => {
    expect(periodOf('2024-02', {})).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodOf('2023', {})).toEqual({ from: '2023-01-01', to: '2023-12-31' });
    expect(periodOf('2024-02', { from: '2024-02-10', to: '2024-06-01' })).toEqual({
      from: '2024-02-10',
      to: '2024-02-29',
    });
    expect(periodPath({ violation: ['TORTURE_ILL_TREATMENT'] }, '2025-12')).toBe(
      '/incidents?violation=TORTURE_ILL_TREATMENT&from=2025-12-01&to=2025-12-31',
    );
  });
});
