import { useMemo } from 'react';
import {
  Link,
  Navigate,
  Outlet,
  ScrollRestoration,
  useLocation,
  useNavigation,
} from 'react-router';
import { useMe } from '../features/auth/api/get-me.ts';
import { SignOutButton } from '../features/auth/components/SignOutButton.tsx';
import { AbilityProvider, abilityFromPackedRules } from '../lib/ability.ts';
import { roleLabel } from '../lib/format.ts';
import { SessionUserContext } from '../lib/session.ts';
import { AppNav } from './AppNav.tsx';
import { signInPath } from './session-loader.ts';

export function SignedInLayout() {
  const { data: session } = useMe();
  const location = useLocation();
  const navigation = useNavigation();
  const rules = session?.rules;
  const ability = useMemo(() => (rules ? abilityFromPackedRules(rules) : undefined), [rules]);

  // The session loader let us in, so a null session now means it ended while the user was
  // here (a 401 on any call, or the re-check when the window regains focus).
  if (session === null) {
    return <Navigate to={signInPath(navigation.location ?? location, true)} replace />;
  }
  if (!session || !ability) return null;

  return (
    <AbilityProvider value={ability}>
      <SessionUserContext value={session.user}>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <div className="shell">
          <header className="topbar">
            <Link to="/" className="brand">
              Vigil
            </Link>
            <div className="account">
              <span>
                <span className="account-name">{session.user.name}</span>{' '}
                <span className="muted">({roleLabel(session.user.role)})</span>
              </span>
              <SignOutButton />
            </div>
          </header>
          <AppNav />
          <main id="main" tabIndex={-1} aria-busy={navigation.state === 'loading'}>
            <Outlet />
          </main>
        </div>
        <ScrollRestoration />
      </SessionUserContext>
    </AbilityProvider>
  );
}
