import type { ReactNode } from 'react';
import type { Action } from '@vigil/shared/auth/abilities';
import { useAppAbility } from '../../lib/ability.ts';
import { formatCountries } from '../../lib/format.ts';
import { useSessionUser } from '../../lib/session.ts';
import { describeAccess, type SubjectType } from './access.ts';
import { Alert } from './Alert.tsx';

const actionLabels: Record<Action, string> = {
  read: 'View',
  create: 'Add',
  update: 'Edit',
  delete: 'Delete',
  transition: 'Change status',
  manage: 'Manage',
};

interface SectionPageProps {
  title: string;
  subject: SubjectType;
  // what the caller needs to open the section at all
  requires: Action;
  // the actions whose scope the page lists
  actions: Action[];
  children: ReactNode;
}

// A section's page: its purpose, and what the signed-in user may do in it. Display only; the
// server checks every request again.
export function SectionPage({ title, subject, requires, actions, children }: SectionPageProps) {
  const ability = useAppAbility();
  const user = useSessionUser();
  const allowed = ability.can(requires, subject);
  return (
    <section className="page" aria-labelledby="page-title">
      <title>{`${title} · Vigil`}</title>
      <h1 id="page-title">{title}</h1>
      {allowed ? (
        <>
          <div className="page-intro">{children}</div>
          <h2>Your access</h2>
          <table className="access">
            <caption className="visually-hidden">What you may do in {title}</caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Scope</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((action) => (
                <tr key={action}>
                  <th scope="row">{actionLabels[action]}</th>
                  <td>{describeAccess(ability, action, subject, user) ?? 'Not allowed'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">Your countries: {formatCountries(user.countries)}.</p>
        </>
      ) : (
        <Alert tone="error">Your role does not give access to {title}.</Alert>
      )}
    </section>
  );
}
