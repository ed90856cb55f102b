import { subject } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import { describe, expect, it } from 'vitest';
import type { Role } from '../enums.ts';
import { defineAbilityFor, type Action, type AppAbility, type AppSubjects } from './abilities.ts';
import { defenderSensitiveFields } from './fields.ts';

// Every cell of API.md's role table, for a caller who works on KH (admins on every country).
const me = 'user-me';
const other = 'user-other';
const abilities: Record<Role, AppAbility> = {
  RESEARCHER: defineAbilityFor({ id: me, role: 'RESEARCHER', countries: ['KH'] }),
  ADVOCACY: defineAbilityFor({ id: me, role: 'ADVOCACY', countries: ['KH'] }),
  MANAGER: defineAbilityFor({ id: me, role: 'MANAGER', countries: ['KH'] }),
  ADMIN: defineAbilityFor({ id: me, role: 'ADMIN', countries: [] }),
};

const defender = (fields: { country?: string; createdById?: string } = {}) =>
  subject('Defender', { country: 'KH', createdById: other, ...fields }) as unknown as AppSubjects;
const incident = (
  fields: {
    country?: string;
    createdById?: string;
    status?: string;
    confidentiality?: string;
  } = {},
) =>
  subject('Incident', {
    country: 'KH',
    createdById: other,
    status: 'DRAFT',
    confidentiality: 'STANDARD',
    ...fields,
  }) as unknown as AppSubjects;
const advocacyAction = (createdById = other) =>
  subject('AdvocacyAction', { createdById }) as unknown as AppSubjects;
const auditEvent = (country: string | null) =>
  subject('AuditEvent', { country }) as unknown as AppSubjects;

type Expect = Record<Role, boolean>;
const yes: Expect = { RESEARCHER: true, ADVOCACY: true, MANAGER: true, ADMIN: true };
const only = (...roles: Role[]): Expect => ({
  RESEARCHER: roles.includes('RESEARCHER'),
  ADVOCACY: roles.includes('ADVOCACY'),
  MANAGER: roles.includes('MANAGER'),
  ADMIN: roles.includes('ADMIN'),
});

interface Cell {
  row: string;
  action: Action;
  target: AppSubjects;
  field?: string;
  expected: Expect;
}

const statuses = ['DRAFT', 'SUBMITTED', 'VERIFIED', 'ARCHIVED'] as const;

const cells: Cell[] = [
  // read defenders and incidents
  { row: 'read a defender in own countries', action: 'read', target: defender(), expected: yes },
  {
    row: 'read a defender elsewhere',
    action: 'read',
    target: defender({ country: 'MM' }),
    expected: only('ADMIN'),
  },
  ...statuses.map((status) => ({
    row: `read a ${status} incident in own countries`,
    action: 'read' as const,
    target: incident({ status }),
    expected: { ...yes, ADVOCACY: status === 'VERIFIED' || status === 'ARCHIVED' },
  })),
  {
    row: 'read an incident elsewhere',
    action: 'read',
    target: incident({ country: 'MM', status: 'VERIFIED' }),
    expected: only('ADMIN'),
  },
  // create
  {
    row: 'create a defender in own countries',
    action: 'create',
    target: defender({ createdById: me }),
    expected: only('RESEARCHER', 'MANAGER', 'ADMIN'),
  },
  {
    row: 'create a defender elsewhere',
    action: 'create',
    target: defender({ country: 'MM', createdById: me }),
    expected: only('ADMIN'),
  },
  {
    row: 'create an incident in own countries',
    action: 'create',
    target: incident({ createdById: me }),
    expected: only('RESEARCHER', 'MANAGER', 'ADMIN'),
  },
  {
    row: 'create an incident elsewhere',
    action: 'create',
    target: incident({ country: 'MM', createdById: me }),
    expected: only('ADMIN'),
  },
  // update
  {
    row: 'update own DRAFT incident',
    action: 'update',
    target: incident({ createdById: me }),
    expected: only('RESEARCHER', 'MANAGER', 'ADMIN'),
  },
  {
    row: 'update own SUBMITTED incident',
    action: 'update',
    target: incident({ createdById: me, status: 'SUBMITTED' }),
    expected: only('MANAGER', 'ADMIN'),
  },
  {
    row: "update another's DRAFT incident",
    action: 'update',
    target: incident(),
    expected: only('MANAGER', 'ADMIN'),
  },
  {
    row: 'update an incident elsewhere',
    action: 'update',
    target: incident({ country: 'MM' }),
    expected: only('ADMIN'),
  },
  {
    row: 'update own defender',
    action: 'update',
    target: defender({ createdById: me }),
    expected: only('RESEARCHER', 'MANAGER', 'ADMIN'),
  },
  {
    row: "update another's defender",
    action: 'update',
    target: defender(),
    expected: only('MANAGER', 'ADMIN'),
  },
  // transitions
  {
    row: 'submit own DRAFT',
    action: 'transition',
    target: incident({ createdById: me }),
    field: 'SUBMITTED',
    expected: only('RESEARCHER', 'MANAGER', 'ADMIN'),
  },
  {
    row: "submit another's DRAFT",
    action: 'transition',
    target: incident(),
    field: 'SUBMITTED',
    expected: only('MANAGER', 'ADMIN'),
  },
  {
    row: 'verify own SUBMITTED',
    action: 'transition',
    target: incident({ createdById: me, status: 'SUBMITTED' }),
    field: 'VERIFIED',
    expected: only('MANAGER', 'ADMIN'),
  },
  {
    row: 'return a SUBMITTED to DRAFT',
    action: 'transition',
    target: incident({ status: 'SUBMITTED' }),
    field: 'DRAFT',
    expected: only('MANAGER', 'ADMIN'),
  },
  {
    row: 'archive a VERIFIED',
    action: 'transition',
    target: incident({ status: 'VERIFIED' }),
    field: 'ARCHIVED',
    expected: only('MANAGER', 'ADMIN'),
  },
  {
    row: 'transition elsewhere',
    action: 'transition',
    target: incident({ country: 'MM', status: 'SUBMITTED' }),
    field: 'VERIFIED',
    expected: only('ADMIN'),
  },
  // sensitive fields
  ...defenderSensitiveFields.flatMap((field) => [
    {
      row: `see ${field} on own defender`,
      action: 'read' as const,
      target: defender({ createdById: me }),
      field,
      expected: only('RESEARCHER', 'MANAGER', 'ADMIN'),
    },
    {
      row: `see ${field} on another's defender`,
      action: 'read' as const,
      target: defender(),
      field,
      expected: only('MANAGER', 'ADMIN'),
    },
  ]),
  {
    row: 'see source identity on own incident',
    action: 'read',
    target: incident({ createdById: me }),
    field: 'sources.identity',
    expected: only('RESEARCHER', 'MANAGER', 'ADMIN'),
  },
  {
    row: "see source identity on another's incident",
    action: 'read',
    target: incident({ status: 'VERIFIED' }),
    field: 'sources.identity',
    expected: only('MANAGER', 'ADMIN'),
  },
  // restricted incidents
  {
    row: 'read own RESTRICTED incident',
    action: 'read',
    target: incident({ createdById: me, confidentiality: 'RESTRICTED' }),
    expected: only('RESEARCHER', 'MANAGER', 'ADMIN'),
  },
  {
    row: "read another's RESTRICTED VERIFIED incident",
    action: 'read',
    target: incident({ confidentiality: 'RESTRICTED', status: 'VERIFIED' }),
    expected: only('MANAGER', 'ADMIN'),
  },
  {
    row: 'read a RESTRICTED incident elsewhere',
    action: 'read',
    target: incident({ country: 'MM', confidentiality: 'RESTRICTED' }),
    expected: only('ADMIN'),
  },
  // advocacy actions
  { row: 'read an advocacy action', action: 'read', target: advocacyAction(), expected: yes },
  {
    row: 'create an advocacy action',
    action: 'create',
    target: advocacyAction(me),
    expected: only('ADVOCACY', 'ADMIN'),
  },
  {
    row: "update another's advocacy action",
    action: 'update',
    target: advocacyAction(),
    expected: only('ADVOCACY', 'MANAGER', 'ADMIN'),
  },
  {
    row: 'delete own advocacy action',
    action: 'delete',
    target: advocacyAction(me),
    expected: only('ADVOCACY', 'ADMIN'),
  },
  {
    row: "delete another's advocacy action",
    action: 'delete',
    target: advocacyAction(),
    expected: only('ADMIN'),
  },
  // exports, statistics, audit, users, vocabularies
  {
    row: 'export',
    action: 'create',
    target: 'Export',
    expected: only('ADVOCACY', 'MANAGER', 'ADMIN'),
  },
  { row: 'read statistics', action: 'read', target: 'Statistics', expected: yes },
  {
    row: 'read team statistics',
    action: 'read',
    target: 'TeamStatistics',
    expected: only('MANAGER', 'ADMIN'),
  },
  {
    row: 'read audit events of own countries',
    action: 'read',
    target: auditEvent('KH'),
    expected: only('MANAGER', 'ADMIN'),
  },
  {
    row: 'read audit events elsewhere',
    action: 'read',
    target: auditEvent('MM'),
    expected: only('ADMIN'),
  },
  { row: 'read users', action: 'read', target: 'User', expected: only('ADMIN') },
  { row: 'create users', action: 'create', target: 'User', expected: only('ADMIN') },
  { row: 'edit vocabularies', action: 'update', target: 'VocabularyTerm', expected: only('ADMIN') },
  { row: 'read vocabularies', action: 'read', target: 'VocabularyTerm', expected: yes },
  // delete
  {
    row: 'delete a defender in own countries',
    action: 'delete',
    target: defender({ createdById: me }),
    expected: only('MANAGER', 'ADMIN'),
  },
  {
    row: 'delete an incident in own countries',
    action: 'delete',
    target: incident({ createdById: me }),
    expected: only('MANAGER', 'ADMIN'),
  },
  {
    row: 'delete an incident elsewhere',
    action: 'delete',
    target: incident({ country: 'MM' }),
    expected: only('ADMIN'),
  },
];

describe('the role table of API.md', () => {
  for (const cell of cells) {
    for (const role of Object.keys(cell.expected) as Role[]) {
      const verdict = cell.expected[role] ? 'may' : 'may not';
      it(`when a ${role} asks to ${cell.row}, then they ${verdict}`, () => {
        expect(abilities[role].can(cell.action, cell.target, cell.field)).toBe(cell.expected[role]);
      });
    }
  }
});

describe('field filtering', () => {
  const fieldsOf = (role: Role, target: AppSubjects) =>
    permittedFieldsOf(abilities[role], 'read', target, {
      fieldsFrom: (rule) => rule.fields ?? ['*'],
    });

  it('when an advocacy officer reads a defender, then no sensitive field is permitted', () => {
    const fields = fieldsOf('ADVOCACY', defender());
    expect(fields).toContain('displayName');
    for (const field of defenderSensitiveFields) expect(fields).not.toContain(field);
  });

  it('when a researcher in every country reads, then the country condition is absent', () => {
    const everywhere = defineAbilityFor({ id: me, role: 'RESEARCHER', countries: [] });
    expect(everywhere.can('read', defender({ country: 'MM' }))).toBe(true);
  });
});
