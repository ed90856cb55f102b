import { AbilityBuilder, type Ability } from '@casl/ability';
import { packRules } from '@casl/ability/extra';
import type { Subjects } from '@casl/prisma/runtime';
import type {
  AdvocacyAction,
  AuditEvent,
  Defender,
  Incident,
  User,
  VocabularyTerm,
} from '../../../prisma/generated/client.ts';
import type { Role } from '../enums.ts';
import { createPrismaAbility, type PrismaQuery } from './casl-prisma.ts';
import {
  defenderFields,
  defenderSensitiveFields,
  incidentFields,
  incidentReviewFields,
  incidentSensitiveFields,
  withoutSensitive,
} from './fields.ts';

// `transition` takes the target status as its field: can('transition', incident, 'SUBMITTED').
export type Action = 'manage' | 'create' | 'read' | 'update' | 'delete' | 'transition';

export type AppSubjects =
  | 'all'
  | 'Export'
  | 'Statistics'
  // the team's weekly workflow figures (who created, submitted, verified, returned what)
  | 'TeamStatistics'
  | Subjects<{
      Defender: Defender;
      Incident: Incident;
      AdvocacyAction: AdvocacyAction;
      AuditEvent: AuditEvent;
      User: User;
      VocabularyTerm: VocabularyTerm;
    }>;

export type AppAbility = Ability<[Action, AppSubjects], PrismaQuery>;

export interface AbilityUser {
  id: string;
  role: Role;
  countries: string[];
}

type Builder = AbilityBuilder<AppAbility>;

const defenderPublicFields = withoutSensitive(defenderFields, defenderSensitiveFields);
// what a reader of an incident who neither wrote nor reviews it may see
const incidentPublicFields = withoutSensitive(incidentFields, [
  ...incidentSensitiveFields,
  ...incidentReviewFields,
]);

// "Own countries" is the user's list; an empty list means every country.
function inCountries(user: AbilityUser): { country?: { in: string[] } } {
  return user.countries.length > 0 ? { country: { in: user.countries } } : {};
}

function researcher({ can }: Builder, user: AbilityUser) {
  const countries = inCountries(user);
  // own records stay within the user's countries too: taking a country away from a researcher,
  // or moving their record elsewhere, ends their access to it
  const own = { ...countries, createdById: user.id };
  can('read', 'Defender', defenderPublicFields, countries);
  can('read', 'Defender', [...defenderFields], own);
  can('read', 'Incident', incidentPublicFields, { ...countries, confidentiality: 'STANDARD' });
  can('read', 'Incident', [...incidentFields], own);
  can('create', 'Defender', countries);
  can('create', 'Incident', countries);
  can('update', 'Defender', { ...countries, ...own });
  can('update', 'Incident', { ...countries, ...own, status: 'DRAFT' });
  can('transition', 'Incident', ['SUBMITTED'], { ...own, status: 'DRAFT' });
  can('read', 'AdvocacyAction');
  can('read', 'Statistics');
  can('read', 'VocabularyTerm');
}

function advocacy({ can }: Builder, user: AbilityUser) {
  const countries = inCountries(user);
  can('read', 'Defender', defenderPublicFields, countries);
  can('read', 'Incident', incidentPublicFields, {
    ...countries,
    status: { in: ['VERIFIED', 'ARCHIVED'] },
    confidentiality: 'STANDARD',
  });
  can(['read', 'create', 'update'], 'AdvocacyAction');
  can('delete', 'AdvocacyAction', { createdById: user.id });
  can('create', 'Export');
  can('read', 'Statistics');
  can('read', 'VocabularyTerm');
}

function manager({ can }: Builder, user: AbilityUser) {
  const countries = inCountries(user);
  can(['read', 'create', 'update', 'delete'], 'Defender', countries);
  can(['read', 'create', 'update', 'delete', 'transition'], 'Incident', countries);
  can(['read', 'update'], 'AdvocacyAction');
  can('create', 'Export');
  can('read', 'Statistics');
  can('read', 'TeamStatistics');
  can('read', 'AuditEvent', countries);
  can('read', 'VocabularyTerm');
}

function admin({ can }: Builder) {
  can('manage', 'all');
}

const rulesByRole: Record<Role, (builder: Builder, user: AbilityUser) => void> = {
  RESEARCHER: researcher,
  ADVOCACY: advocacy,
  MANAGER: manager,
  ADMIN: admin,
};

export function defineAbilityFor(user: AbilityUser): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createPrismaAbility);
  rulesByRole[user.role](builder, user);
  return builder.build();
}

export function packedRulesFor(user: AbilityUser) {
  return packRules(defineAbilityFor(user).rules);
}
