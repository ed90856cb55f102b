import { describe, expect, it } from 'vitest';
import { packedRulesFor } from '@vigil/shared/auth/abilities';
import type { SessionUser } from '@vigil/shared/schemas/auth';
import { abilityFromPackedRules } from '../../lib/ability.ts';
import { describeAccess } from './access.ts';

function userOf(role: SessionUser['role'], countries: string[]): SessionUser {
  return {
    id: '6d0f2c1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f',
    email: 'someone@example.test',
    name: 'Someone',
    role,
    countries,
  };
}

// The ability goes through the same pack/unpack trip as GET /auth/me.
function accessOf(user: SessionUser) {
  const ability = abilityFromPackedRules(packedRulesFor(user));
  return (
    action: Parameters<typeof describeAccess>[1],
    subject: Parameters<typeof describeAccess>[2],
  ) => describeAccess(ability, action, subject, user);
}

describe('describeAccess', () => {
  it('when an admin asks, then every action covers all records', () => {
    const access = accessOf(userOf('ADMIN', []));
    expect(access('read', 'Incident')).toBe('All records');
    expect(access('delete', 'User')).toBe('All records');
    expect(access('read', 'Statistics')).toBe('Yes');
  });

  it('when a researcher asks, then the scope names the countries, own records and hidden fields', () => {
    const access = accessOf(userOf('RESEARCHER', ['KH']));
    expect(access('read', 'Defender')).toBe(
      'In Cambodia (KH), without sensitive fields; or in Cambodia (KH), that you created',
    );
    expect(access('update', 'Incident')).toBe(
      'In Cambodia (KH), that you created, with status DRAFT',
    );
    expect(access('transition', 'Incident')).toBe(
      'To SUBMITTED, in Cambodia (KH), that you created, with status DRAFT',
    );
    expect(access('delete', 'Defender')).toBeUndefined();
    expect(access('read', 'AuditEvent')).toBeUndefined();
  });

  it('when an advocacy officer asks, then incidents are limited to verified and archived ones', () => {
    const access = accessOf(userOf('ADVOCACY', []));
    expect(access('read', 'Incident')).toBe(
      'With status VERIFIED or ARCHIVED, except restricted ones, without sensitive fields',
    );
    expect(access('create', 'Incident')).toBeUndefined();
  });

  it('when a manager with no countries asks, then records in every country are covered', () => {
    const access = accessOf(userOf('MANAGER', []));
    expect(access('read', 'Defender')).toBe('All records');
    expect(access('read', 'AuditEvent')).toBe('All records');
    expect(access('manage', 'User')).toBeUndefined();
  });
});
