import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { chartCsv } from './csv.ts';

describe('chartCsv', () => {
  it('when a chart’s rows are written, then the file starts with a byte order mark, has labelled columns and quotes what needs quoting', () => {
    const csv = chartCsv(
      [
        { key: 'label', label: 'Country' },
        { key: 'count', label: 'Incidents' },
      ],
      [
        { label: 'Cambodia (KH)', count: 12 },
        { label: 'Myanmar, "Burma" (MM)', count: 3 },
      ],
    );
    expect(csv.startsWith('\uFEFFCountry,Incidents\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1).trim());
    expect(parsed.data).toEqual([
      ['Country', 'Incidents'],
      ['Cambodia (KH)', '12'],
      ['Myanmar, "Burma" (MM)', '3'],
    ]);
  });
});
