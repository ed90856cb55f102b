import { NavLink } from 'react-router';
import { Can } from '../lib/ability.ts';
import { sections } from './sections.ts';

export function AppNav() {
  return (
    <nav className="app-nav" aria-label="Sections">
      <ul>
        <li>
          <NavLink to="/" end>
            Home
          </NavLink>
        </li>
        {sections.map((section) => (
          <Can key={section.path} I={section.action} a={section.subject}>
            <li>
              <NavLink to={section.path}>{section.label}</NavLink>
            </li>
          </Can>
        ))}
      </ul>
    </nav>
  );
}
