import type { Icon } from '@tabler/icons-react';
import {
  IconChartBar,
  IconChecklist,
  IconFileAlert,
  IconHome,
  IconListDetails,
  IconSpeakerphone,
  IconUsers,
  IconUserShield,
  IconBook2,
} from '@tabler/icons-react';
import type { Action, AppSubjects } from '@vigil/shared/auth/abilities';

type SubjectType = Extract<AppSubjects, string>;

export interface Section {
  path: string;
  // key in the common catalogue's `nav`
  label: string;
  icon: Icon;
  // the rule that shows the section's link; the page checks the same rule
  action: Action;
  subject: SubjectType;
  field?: string;
}

export const homeSection = { path: '/', label: 'home', icon: IconHome } as const;

export const sections: Section[] = [
  {
    path: '/defenders',
    label: 'defenders',
    icon: IconUserShield,
    action: 'read',
    subject: 'Defender',
  },
  {
    path: '/incidents',
    label: 'incidents',
    icon: IconFileAlert,
    action: 'read',
    subject: 'Incident',
  },
  {
    path: '/review',
    label: 'review',
    icon: IconChecklist,
    action: 'transition',
    subject: 'Incident',
    field: 'VERIFIED',
  },
  {
    path: '/advocacy',
    label: 'advocacy',
    icon: IconSpeakerphone,
    action: 'read',
    subject: 'AdvocacyAction',
  },
  {
    path: '/statistics',
    label: 'statistics',
    icon: IconChartBar,
    action: 'read',
    subject: 'Statistics',
  },
  { path: '/audit', label: 'audit', icon: IconListDetails, action: 'read', subject: 'AuditEvent' },
  { path: '/users', label: 'users', icon: IconUsers, action: 'manage', subject: 'User' },
  {
    path: '/vocabularies',
    label: 'vocabularies',
    icon: IconBook2,
    action: 'create',
    subject: 'VocabularyTerm',
  },
];
