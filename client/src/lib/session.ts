import { createContext, use } from 'react';
import type { SessionUser } from '@vigil/shared/schemas/auth';

// The signed-in user, provided by the signed-in layout to every page below it.
export const SessionUserContext = createContext<SessionUser | null>(null);

export function useSessionUser(): SessionUser {
  const user = use(SessionUserContext);
  if (!user) throw new Error('useSessionUser needs the signed-in layout above it');
  return user;
}
