import type { Role } from '@vigil/shared/enums';

// The sections each role's navigation lists, read off API.md's role table: the expectation
// that both the component test and the browser test hold the client to.
export const linksByRole: Record<Role, string[]> = {
  ADMIN: [
    'Home',
    'Defenders',
    'Incidents',
    'Review',
    'Advocacy',
    'Statistics',
    'Audit',
    'Users',
    'Vocabularies',
  ],
  MANAGER: ['Home', 'Defenders', 'Incidents', 'Review', 'Advocacy', 'Statistics', 'Audit'],
  ADVOCACY: ['Home', 'Defenders', 'Incidents', 'Advocacy', 'Statistics'],
  RESEARCHER: ['Home', 'Defenders', 'Incidents', 'Advocacy', 'Statistics'],
};
