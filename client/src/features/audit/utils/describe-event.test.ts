import { describe, expect, it } from 'vitest';
import type { AuditEventOutput } from '@vigil/shared/schemas/audit';
import { i18n } from '../../../lib/i18n.ts';
import en from '../i18n/en.json';
import { describeChanges } from './describe-event.ts';

i18n.addResourceBundle('en', 'audit', en, true, true);
const t = (key: string, options?: Record<string, unknown>) =>
  i18n.t(key, { ns: 'audit', ...options });
const common = (key: string, options?: Record<string, unknown>) =>
  i18n.t(key, { ns: 'common', ...options });

function event(fields: Partial<AuditEventOutput>): AuditEventOutput {
  return {
    id: '6d0f2c1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f',
    at: '2026-03-02T10:00:00.000Z',
    actorId: null,
    action: 'UPDATE',
    entity: 'Incident',
    entityId: null,
    country: null,
    ...fields,
  };
}

describe('describeChanges', () => {
  it('when a user’s role and countries change, then the details name both with their values in words', () => {
    const text = describeChanges(
      event({
        entity: 'User',
        changes: {
          role: { from: 'RESEARCHER', to: 'MANAGER' },
          countries: { from: ['KH'], to: [] },
        },
      }),
      t,
      common,
    );
    expect(text).toBe(
      'Changed role: Researcher → Manager and countries: Cambodia (KH) → All countries',
    );
  });

  it('when sign-ins were refused by the limits, then the details say which limit', () => {
    const text = describeChanges(
      event({
        action: 'LOGIN_FAILED',
        entity: 'User',
        changes: { reason: 'RATE_LIMITED', limit: 'account-and-address' },
      }),
      t,
      common,
    );
    expect(text).toBe('Refused: too many failed sign-ins at this account from this address');
  });

  it('when a sensitive value changed, then the details say so without any value', () => {
    const text = describeChanges(
      event({
        entity: 'Defender',
        changes: { legalName: { from: '[redacted]', to: '[redacted]' } },
      }),
      t,
      common,
    );
    expect(text).toBe('Changed legal name (hidden value)');
    expect(text).not.toContain('redacted');
  });

  it('when long text changed, then only the field is named', () => {
    const text = describeChanges(
      event({ changes: { summary: { from: 'a'.repeat(200), to: 'b'.repeat(200) } } }),
      t,
      common,
    );
    expect(text).toBe('Changed summary');
  });

  it('when an incident was returned, then the details give both statuses and the comment', () => {
    const text = describeChanges(
      event({
        action: 'TRANSITION',
        changes: { status: { from: 'SUBMITTED', to: 'DRAFT' }, comment: 'Add a second source' },
      }),
      t,
      common,
    );
    expect(text).toBe('From Submitted to Draft. Comment: “Add a second source”');
  });

  it('when many fields changed, then four are shown and the rest counted', () => {
    const changes = Object.fromEntries(
      ['title', 'summary', 'location', 'acts', 'charges', 'sources'].map((field) => [
        field,
        { from: null, to: 'x'.repeat(100) },
      ]),
    );
    // with or without the serial comma, as the interface language writes lists
    expect(describeChanges(event({ changes }), t, common)).toMatch(
      /^Changed title, summary, location,? and 3 more$/,
    );
  });

  it('when a record was deleted or restored, then the details say that rather than a date', () => {
    expect(
      describeChanges(
        event({
          action: 'DELETE',
          changes: { deletedAt: { from: null, to: '2026-03-02T10:00:00Z' } },
        }),
        t,
        common,
      ),
    ).toBe('Moved to the deleted records');
    expect(
      describeChanges(
        event({ changes: { deletedAt: { from: '2026-03-02T10:00:00Z', to: null } } }),
        t,
        common,
      ),
    ).toBe('Restored from the deleted records');
  });
});
