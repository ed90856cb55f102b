import type { AuditListQuery } from '@vigil/shared/schemas/audit';

export const auditKeys = {
  all: ['audit'] as const,
  list: (query: AuditListQuery) => [...auditKeys.all, 'list', query] as const,
  // who the actors are: accounts (admins) or the team's names (managers)
  actors: (source: 'users' | 'team') => [...auditKeys.all, 'actors', source] as const,
};
