import { Link } from 'react-router';
import { Can } from '../lib/ability.ts';
import { formatCountries, roleLabel } from '../lib/format.ts';
import { useSessionUser } from '../lib/session.ts';
import { sections } from './sections.ts';

export function HomePage() {
  const user = useSessionUser();
  return (
    <section className="page" aria-labelledby="page-title">
      <title>Home · Vigil</title>
      <h1 id="page-title">Welcome, {user.name}</h1>
      <dl className="facts">
        <dt>Signed in as</dt>
        <dd>{user.email}</dd>
        <dt>Role</dt>
        <dd>{roleLabel(user.role)}</dd>
        <dt>Countries</dt>
        <dd>{formatCountries(user.countries)}</dd>
      </dl>
      <h2>Your sections</h2>
      <ul className="section-list">
        {sections.map((section) => (
          <Can key={section.path} I={section.action} a={section.subject}>
            <li>
              <Link to={section.path}>{section.label}</Link>
            </li>
          </Can>
        ))}
      </ul>
    </section>
  );
}
