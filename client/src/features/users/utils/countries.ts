import { updateUserInput } from '@vigil/shared/schemas/users';
import { countryName } from '../../../lib/format.ts';

let options: { value: string; label: string }[] | undefined;

// The countries an account may be given: exactly the codes the server's schema accepts
// (assigned ISO 3166-1 codes), named in the interface language, in alphabetical order.
export function assignableCountries() {
  if (options) return options;
  const countries = updateUserInput.shape.countries.unwrap();
  const codes: string[] = [];
  for (let first = 65; first <= 90; first += 1) {
    for (let second = 65; second <= 90; second += 1) {
      const code = String.fromCharCode(first, second);
      if (countries.safeParse([code]).success) codes.push(code);
    }
  }
  options = codes
    .map((code) => ({ value: code, label: countryName(code) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return options;
}
