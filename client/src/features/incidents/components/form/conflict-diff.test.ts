import { describe, expect, it } from 'vitest';
import { defaultChoice, differencesOf, mergeValues } from './conflict-diff.ts';
import { emptyValues, newAct, type IncidentFormValues } from './form-model.ts';

const base: IncidentFormValues = {
  ...emptyValues(['KH']),
  title: 'Arrest after protest',
  summary: 'Police arrested her.',
  occurredOn: '2024-03-12',
  acts: [{ ...newAct('3f0c8a52-7d3e-4b6f-9a1c-2e5d7f9b1c3a'), violation: 'ARBITRARY_ARREST' }],
};

describe('conflict differences', () => {
  it('when both people changed different fields, then each difference says who changed it and proposes to keep what the user changed', () => {
    const mine = { ...base, title: 'Arrest after the protest' };
    const theirs = {
      ...base,
      summary: 'Police arrested her at the hall.',
      verification: 'LIKELY' as const,
    };

    const differences = differencesOf(mine, theirs, base);

    expect(differences).toEqual([
      { field: 'title', theyChanged: false, youChanged: true },
      { field: 'summary', theyChanged: true, youChanged: false },
      { field: 'verification', theyChanged: true, youChanged: false },
    ]);
    expect(differences.map(defaultChoice)).toEqual(['mine', 'theirs', 'theirs']);
  });

  it('when the date differs only in its precision, then the date is one difference', () => {
    const theirs = { ...base, occurredOn: '2024-03-01', datePrecision: 'MONTH' as const };
    expect(differencesOf(base, theirs, base).map((d) => d.field)).toEqual(['date']);
  });

  it('when only spaces differ, then there is no difference', () => {
    expect(differencesOf({ ...base, title: ' Arrest after protest ' }, base, base)).toEqual([]);
  });

  it('when the user takes theirs for some fields, then the merge has theirs there and the user’s elsewhere', () => {
    const mine = { ...base, title: 'Mine', acts: [] };
    const theirs = {
      ...base,
      title: 'Theirs',
      occurredOn: '2024-01-01',
      datePrecision: 'YEAR' as const,
    };

    const merged = mergeValues(mine, theirs, { title: 'mine', date: 'theirs', acts: 'theirs' });

    expect(merged.title).toBe('Mine');
    expect(merged.occurredOn).toBe('2024-01-01');
    expect(merged.datePrecision).toBe('YEAR');
    expect(merged.acts).toEqual(base.acts);
    expect(merged.acts).not.toBe(theirs.acts);
  });
});
