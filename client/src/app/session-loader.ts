import type { QueryClient } from '@tanstack/react-query';
import { redirect, type LoaderFunctionArgs } from 'react-router';
import { authKeys, getMe, hasSession } from '../features/auth/api/get-me.ts';
import { changePasswordPath, twoFactorPath } from '../features/auth/paths.ts';

const openBeforeTwoFactor = new Set([twoFactorPath, changePasswordPath]);

// Where to sign in, and where to come back to afterwards.
export function signInPath(destination: { pathname: string; search: string }, expired: boolean) {
  const here = `${destination.pathname}${destination.search}`;
  const params = new URLSearchParams();
  if (expired) params.set('expired', '1');
  if (here !== '/') params.set('next', here);
  const query = params.toString();
  return query ? `/login?${query}` : '/login';
}

// Guards the signed-in pages: every navigation asks the server whether the session still
// lives, so a session that ended elsewhere (idle timeout, sign-out in another tab, account
// deactivated) never shows another page.
export function sessionLoader(queryClient: QueryClient) {
  return async ({ request }: LoaderFunctionArgs) => {
    const wasSignedIn = hasSession(queryClient);
    let session;
    try {
      session = await getMe(request.signal);
    } catch (error) {
      // server unreachable: carry on with the session we know; the page's own calls will say
      if (wasSignedIn && !request.signal.aborted) return null;
      throw error;
    }
    if (session) {
      queryClient.setQueryData(authKeys.me(), session);
      // a role that must use two-factor sign-in, without it yet: only its set-up (and the
      // password page) may open until it is on
      const { pathname } = new URL(request.url);
      const { required, enabled } = session.twoFactor;
      if (required && !enabled && !openBeforeTwoFactor.has(pathname)) {
        throw redirect(twoFactorPath);
      }
      return null;
    }
    // Removing, unlike setting null, does not re-render the signed-in layout, so this redirect
    // stays the only navigation.
    queryClient.removeQueries();
    throw redirect(signInPath(new URL(request.url), wasSignedIn));
  };
}
