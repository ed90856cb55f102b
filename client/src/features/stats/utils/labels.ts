import type { IncidentGrouping } from '@vigil/shared/schemas/stats';
import { useCallback } from 'react';
import { countryName, formatDate } from '../../../lib/format.ts';
import { useTerm } from '../../../lib/lookups.ts';
import { useStatsText } from '../i18n/index.ts';

// The words for a bucket's key: vocabulary labels, country names, months; never a code.
export function useBucketLabel() {
  const term = useTerm();
  const { t } = useStatsText();
  return useCallback(
    (groupBy: IncidentGrouping, key: string): string => {
      switch (groupBy) {
        case 'country':
          return countryName(key);
        case 'violation':
          return term('violations', key).label;
        case 'perpetrator':
          return term('perpetrators', key).label;
        case 'sector':
          return term('sectors', key).label;
        case 'gender':
          return t(`gender.${key}`, { ns: 'common' });
        case 'status':
          return t(`incidentStatus.${key}`, { ns: 'common' });
        case 'month':
          return key.length === 4
            ? formatDate(`${key}-01-01`, 'YEAR')
            : formatDate(`${key}-01`, 'MONTH');
      }
    },
    [term, t],
  );
}
