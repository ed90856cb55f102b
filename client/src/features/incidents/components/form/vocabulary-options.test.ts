import { describe, expect, it } from 'vitest';
import { termData } from './vocabulary-options.ts';

const violations = [
  { code: 'ARBITRARY_ARREST', label: 'Arbitrary arrest', parent: 'LIBERTY', retired: false },
  { code: 'HOUSE_ARREST', label: 'House arrest', parent: 'LIBERTY', retired: true },
  { code: 'KILLING', label: 'Killing', parent: 'LIFE', retired: false },
];

describe('vocabulary options', () => {
  it('when a term is retired, then it is not offered for a new choice', () => {
    expect(termData('violations', violations)).toEqual([
      { group: 'Liberty', items: [{ value: 'ARBITRARY_ARREST', label: 'Arbitrary arrest' }] },
      { group: 'Life', items: [{ value: 'KILLING', label: 'Killing' }] },
    ]);
  });

  it('when the record already holds a retired term, then it keeps its label, marked retired', () => {
    const groups = termData('violations', violations, ['HOUSE_ARREST']) as {
      group: string;
      items: { value: string; label: string }[];
    }[];
    expect(groups[0]!.items).toContainEqual(
      expect.objectContaining({ value: 'HOUSE_ARREST', label: 'House arrest (retired)' }),
    );
  });

  it('when a vocabulary has no groups, then its terms are a flat list with their descriptions', () => {
    expect(
      termData('sourceKinds', [
        {
          code: 'NGO_REPORT',
          label: 'NGO report',
          description: 'A published report',
          retired: false,
        },
      ]),
    ).toEqual([{ value: 'NGO_REPORT', label: 'NGO report', description: 'A published report' }]);
  });
});
