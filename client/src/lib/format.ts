import type { datePrecisions } from '@vigil/shared/enums';
import { i18n } from './i18n.ts';

// Dates, numbers and names through Intl, in the interface language. English reads dates the
// way UI.md writes them (`12 Mar 2014`), which is British English's order.
const locale = () => (!i18n.language || i18n.language === 'en' ? 'en-GB' : i18n.language);

export function countryName(code: string): string {
  try {
    const name = new Intl.DisplayNames([locale()], { type: 'region' }).of(code);
    return `${name ?? code} (${code})`;
  } catch {
    return code;
  }
}

// A user's `countries`: an empty list means every country (API.md, "Auth").
export function formatCountries(codes: readonly string[]): string {
  return codes.length === 0
    ? i18n.t('app.allCountries', { ns: 'common' })
    : codes.map(countryName).join(', ');
}

export function roleLabel(role: string): string {
  return i18n.t(`role.${role}`, { ns: 'common' });
}

export function joinAnd(values: readonly string[]): string {
  return new Intl.ListFormat(locale(), { type: 'conjunction' }).format(values);
}

type DatePrecision = (typeof datePrecisions)[number];

const precisionFormats: Record<DatePrecision, Intl.DateTimeFormatOptions> = {
  DAY: { day: 'numeric', month: 'short', year: 'numeric' },
  MONTH: { month: 'long', year: 'numeric' },
  YEAR: { year: 'numeric' },
};

// `12 Mar 2014` (DAY), `March 2014` (MONTH), `2014` (YEAR), as UI.md shows dates. ISO dates are
// calendar days, so they are read and shown in UTC, never shifted by the viewer's time zone.
export function formatDate(isoDate: string, precision: DatePrecision = 'DAY'): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale(), {
    ...precisionFormats[precision],
    timeZone: 'UTC',
  }).format(date);
}

export function formatDateTime(timestamp: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(timestamp),
  );
}

export function formatTime(timestamp: Date | string): string {
  return new Intl.DateTimeFormat(locale(), { timeStyle: 'short' }).format(new Date(timestamp));
}

// `signed` writes a change: +4, −3, 0
export function formatNumber(value: number, { signed = false } = {}): string {
  return new Intl.NumberFormat(locale(), signed ? { signDisplay: 'exceptZero' } : {}).format(value);
}

export function formatRelative(timestamp: string, now = Date.now()): string {
  const seconds = (new Date(timestamp).getTime() - now) / 1000;
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['week', 604_800],
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(Math.round(seconds), 'second');
}

export function formatPercent(ratio: number, { signed = false } = {}): string {
  return new Intl.NumberFormat(locale(), {
    style: 'percent',
    maximumFractionDigits: 0,
    ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
  }).format(ratio);
}

// January to December in the interface language, `style` as Intl names it.
export function monthNames(style: 'long' | 'short' = 'long'): string[] {
  const format = new Intl.DateTimeFormat(locale(), { month: style, timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, month) => format.format(Date.UTC(2000, month, 1)));
}

const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

// `340 kB`, `1.2 MB`: sizes as people read them, in powers of 1000 as the units say.
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < byteUnits.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(locale(), {
    style: 'unit',
    unit: byteUnits[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit < 2 ? 0 : 1,
  }).format(value);
}
