import { useMemo } from 'react';
import { countryName } from './format.ts';
import { i18n } from './i18n.ts';
import { useSessionUser } from './session.ts';

// Region codes that Intl names but that are not countries (or are test codes).
const notCountries = new Set(['EU', 'EZ', 'QO', 'UN', 'XA', 'XB', 'ZZ']);

let allCountries: string[] | undefined;

// Every ISO 3166-1 alpha-2 code the browser can name. There is no list of countries in the
// contract (any two capitals are valid), so the list comes from Intl.
export function countryCodes(): string[] {
  if (allCountries) return allCountries;
  const names = new Intl.DisplayNames([i18n.language || 'en'], {
    type: 'region',
    fallback: 'none',
  });
  const codes: string[] = [];
  for (let first = 65; first <= 90; first += 1) {
    for (let second = 65; second <= 90; second += 1) {
      const code = String.fromCharCode(first, second);
      if (!notCountries.has(code) && names.of(code)) codes.push(code);
    }
  }
  allCountries = codes;
  return codes;
}

// Choices for a country picker: the caller's own countries when they have a list (the only
// ones they may read or write), every country otherwise; `keep` adds values already chosen, so
// that a record outside the list still shows its country.
export function countryOptions(callerCountries: readonly string[], keep: readonly string[] = []) {
  const codes = new Set([
    ...(callerCountries.length > 0 ? callerCountries : countryCodes()),
    ...keep,
  ]);
  return [...codes]
    .map((code) => ({ value: code, label: countryName(code) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

// The same for the signed-in user.
export function useCountryOptions(keep: readonly string[] = []) {
  const { countries } = useSessionUser();
  const keepKey = keep.join(',');
  return useMemo(
    () => countryOptions(countries, keep),
    // keepKey stands for `keep`, which callers rebuild on every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [countries, keepKey],
  );
}
