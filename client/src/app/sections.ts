import type { Action } from '@vigil/shared/auth/abilities';
import type { SubjectType } from '../components/ui/access.ts';

export interface Section {
  path: string;
  label: string;
  // the rule that shows the section's link; the page checks the same rule
  action: Action;
  subject: SubjectType;
}

export const sections: Section[] = [
  { path: '/defenders', label: 'Defenders', action: 'read', subject: 'Defender' },
  { path: '/incidents', label: 'Incidents', action: 'read', subject: 'Incident' },
  { path: '/advocacy', label: 'Advocacy', action: 'read', subject: 'AdvocacyAction' },
  { path: '/statistics', label: 'Statistics', action: 'read', subject: 'Statistics' },
  { path: '/audit', label: 'Audit', action: 'read', subject: 'AuditEvent' },
  { path: '/users', label: 'Users', action: 'manage', subject: 'User' },
  { path: '/vocabularies', label: 'Vocabularies', action: 'create', subject: 'VocabularyTerm' },
];
