import type { AuditEventOutput } from '@vigil/shared/schemas/audit';
import { countryName, formatCountries, formatDate, joinAnd } from '../../../lib/format.ts';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

interface Change {
  from: unknown;
  to: unknown;
}

// the audit log's mark for a sensitive value: it says that it changed, never what it was
const masked = '[redacted]';
const shownFields = 4;
const shortText = 40;

const isChange = (value: unknown): value is Change =>
  typeof value === 'object' && value !== null && 'from' in value && 'to' in value;

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

// enum fields whose labels the common catalogue holds under the field's own name
const commonEnums = new Set([
  'verification',
  'confidentiality',
  'consent',
  'riskLevel',
  'gender',
  'datePrecision',
  'reliability',
]);

function humanize(field: string): string {
  return field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

// A value in words when it is short enough to read in a table cell; undefined otherwise.
function valueText(
  field: string,
  value: unknown,
  t: Translate,
  common: Translate,
): string | undefined {
  if (value === null || value === undefined || value === '') return t('changes.empty');
  if (field === 'status' && typeof value === 'string') return common(`incidentStatus.${value}`);
  if (field === 'role' && typeof value === 'string') return common(`role.${value}`);
  if (commonEnums.has(field) && typeof value === 'string') return common(`${field}.${value}`);
  if ((field === 'active' || field === 'retired') && typeof value === 'boolean') {
    return t(`${field}.${String(value)}`);
  }
  if (typeof value === 'boolean') return value ? t('changes.yes') : t('changes.no');
  if (field === 'countries' && Array.isArray(value)) return formatCountries(value.map(String));
  if (field === 'country' && typeof value === 'string') return countryName(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (typeof value === 'string' && value.length <= shortText) return `“${value}”`;
  return undefined;
}

function fieldChange(field: string, change: Change, t: Translate, common: Translate): string {
  const name = t(`fields.${field}`, { defaultValue: humanize(field) });
  if (change.from === masked || change.to === masked) return t('changes.hidden', { field: name });
  const from = valueText(field, change.from, t, common);
  const to = valueText(field, change.to, t, common);
  return from !== undefined && to !== undefined
    ? t('changes.valueChange', { field: name, from, to })
    : name;
}

function listed(parts: string[], t: Translate): string {
  if (parts.length <= shownFields) return joinAnd(parts);
  const rest = parts.length - (shownFields - 1);
  return joinAnd([...parts.slice(0, shownFields - 1), t('changes.more', { count: rest })]);
}

// What an audit event changed, in words for the log's "Details" column: "Changed role:
// Researcher → Manager and countries", "From Submitted to Draft. Comment: “…”".
export function describeChanges(event: AuditEventOutput, t: Translate, common: Translate): string {
  const changes = asRecord(event.changes);
  switch (event.action) {
    case 'LOGIN':
      return t('changes.nothing');
    case 'LOGIN_FAILED':
      // older events kept the typed email; a refusal of the sign-in limits says which one
      if (changes.reason === 'RATE_LIMITED') return t(`changes.throttled.${String(changes.limit)}`);
      return typeof changes.email === 'string'
        ? t('changes.failedEmail', { email: changes.email })
        : t('changes.nothing');
    case 'READ_SENSITIVE':
      return t('changes.read');
    case 'CREATE':
      return t('changes.created');
    case 'TRANSITION': {
      const status = changes.status;
      const parts: string[] = [];
      if (isChange(status)) {
        parts.push(
          t('changes.transition', {
            from: common(`incidentStatus.${String(status.from)}`),
            to: common(`incidentStatus.${String(status.to)}`),
          }),
        );
      }
      if (typeof changes.comment === 'string' && changes.comment) {
        parts.push(t('changes.comment', { comment: changes.comment }));
      }
      return parts.length > 0 ? parts.join('. ') : t('changes.nothing');
    }
    default:
      break;
  }
  const deletion = changes.deletedAt;
  if (isChange(deletion)) {
    return deletion.to === null ? t('changes.restored') : t('changes.deleted');
  }
  const entries = Object.entries(changes);
  if (entries.length === 0) return t('changes.nothing');
  if (entries.every(([, value]) => isChange(value))) {
    const parts = entries.map(([field, change]) => fieldChange(field, change as Change, t, common));
    return t('changes.fields', { fields: listed(parts, t) });
  }
  // exports and files carry details rather than changes (a format, a file name)
  const details = entries.flatMap(([field, value]) => {
    const text = valueText(field, value, t, common);
    const name = t(`fields.${field}`, { defaultValue: humanize(field) });
    return text === undefined ? [] : [`${name}: ${text}`];
  });
  return details.length > 0 ? listed(details, t) : t('changes.nothing');
}
