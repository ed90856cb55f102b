const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export function countryName(code: string): string {
  try {
    return `${regionNames.of(code) ?? code} (${code})`;
  } catch {
    return code;
  }
}

// A user's `countries`: an empty list means every country (API.md, "Auth").
export function formatCountries(codes: readonly string[]): string {
  return codes.length === 0 ? 'All countries' : codes.map(countryName).join(', ');
}

const roleLabels = {
  ADMIN: 'Administrator',
  MANAGER: 'Manager',
  ADVOCACY: 'Advocacy officer',
  RESEARCHER: 'Researcher',
} as const;

export function roleLabel(role: keyof typeof roleLabels): string {
  return roleLabels[role];
}

export function joinOr(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}
