import { countryName } from '../../../../lib/format.ts';

// Codes Intl names that are not countries or territories a record could be in.
const notCountries = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);

let allCodes: string[] | undefined;

// Every ISO 3166-1 alpha-2 code that Intl can name, for callers who work on every country.
function everyCountryCode(): string[] {
  if (allCodes) return allCodes;
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const codes: string[] = [];
  for (const first of letters) {
    for (const second of letters) {
      const code = `${first}${second}`;
      if (!notCountries.has(code) && names.of(code) !== undefined) codes.push(code);
    }
  }
  allCodes = codes;
  return codes;
}

// The countries a caller may log an incident or a defender in: their own when they have some
// (an empty list means every country), by name.
export function countryOptions(callerCountries: readonly string[], keep?: string | null) {
  const codes = callerCountries.length > 0 ? [...callerCountries] : everyCountryCode();
  if (keep && !codes.includes(keep)) codes.push(keep);
  return codes
    .map((code) => ({ value: code, label: countryName(code) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
