import type { useIncidentsText } from '../../i18n/index.ts';

type T = ReturnType<typeof useIncidentsText>['t'];

interface Context {
  me: string;
  authorId: string;
  reviewing: boolean;
  // the names the caller may read (useAuthorNames)
  names?: Map<string, string> | undefined;
}

// Who took a step: the caller is "You"; others by name where the caller may read it, else
// "The author" for the incident's creator and a reviewer or a colleague for anyone else.
export function whoDidIt(
  t: T,
  actorId: string | null,
  { me, authorId, reviewing, names }: Context,
): string {
  if (actorId === me) return t('detail.who.you');
  const name = actorId ? names?.get(actorId) : undefined;
  if (name) return name;
  if (actorId === authorId) return t('detail.who.author');
  return reviewing ? t('detail.who.reviewer') : t('detail.who.colleague');
}
