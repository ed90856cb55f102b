import type { Role } from '@vigil/shared/enums';

// Fixed demo accounts, so that anyone can try the roles side by side. They exist only in demo
// data, which is never seeded when NODE_ENV=production.
export const demoPassword = 'vigil-demo-pass';

export const demoAccounts: { email: string; name: string; role: Role; countries: string[] }[] = [
  { email: 'admin@vigil.test', name: 'Demo Admin', role: 'ADMIN', countries: [] },
  { email: 'manager@vigil.test', name: 'Demo Manager', role: 'MANAGER', countries: [] },
  { email: 'advocacy@vigil.test', name: 'Demo Advocacy Officer', role: 'ADVOCACY', countries: [] },
  {
    email: 'researcher@vigil.test',
    name: 'Demo Researcher',
    role: 'RESEARCHER',
    countries: ['KH', 'TH'],
  },
  {
    email: 'researcher.mm@vigil.test',
    name: 'Demo Researcher (Myanmar)',
    role: 'RESEARCHER',
    countries: ['MM'],
  },
];
