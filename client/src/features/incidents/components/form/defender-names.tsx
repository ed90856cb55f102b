import { createContext, use, useCallback, useMemo, useState, type ReactNode } from 'react';
import { useDefendersByIds } from '../../../../lib/lookups.ts';
import { useIncidentsText } from '../../i18n/index.ts';
import type { KnownDefender } from './draft-storage.ts';

// The defenders the form names: those picked, created or restored in this tab are known at
// once; the others (an incident opened for editing) are read in one request. One the caller may
// not read is "a defender outside your access", never an id.
export type DefenderName =
  | { state: 'known'; defender: KnownDefender }
  | { state: 'loading' }
  | { state: 'failed' }
  | { state: 'outside' };

interface DefenderNames {
  nameOf: (id: string) => DefenderName;
  labelOf: (id: string) => string;
  remember: (defender: KnownDefender) => void;
  // every defender known in this tab, kept with the unsaved typing
  known: () => KnownDefender[];
}

const DefenderNamesContext = createContext<DefenderNames | null>(null);

export function DefenderNamesProvider({
  ids,
  initial,
  children,
}: {
  ids: readonly string[];
  initial: readonly KnownDefender[];
  children: ReactNode;
}) {
  const { t } = useIncidentsText();
  const [known, setKnown] = useState(
    () => new Map(initial.map((defender) => [defender.id, defender])),
  );
  const unknown = useMemo(() => ids.filter((id) => !known.has(id)), [ids, known]);
  const fetched = useDefendersByIds(unknown);

  const nameOf = useCallback(
    (id: string): DefenderName => {
      const local = known.get(id);
      if (local) return { state: 'known', defender: local };
      const remote = fetched.data?.get(id);
      if (remote) return { state: 'known', defender: remote };
      if (fetched.isPending && unknown.length > 0) return { state: 'loading' };
      if (fetched.isError) return { state: 'failed' };
      return { state: 'outside' };
    },
    [known, fetched.data, fetched.isPending, fetched.isError, unknown.length],
  );

  const value = useMemo<DefenderNames>(
    () => ({
      nameOf,
      labelOf: (id) => {
        const name = nameOf(id);
        if (name.state === 'known') return name.defender.displayName;
        if (name.state === 'loading') return t('common:state.loading');
        if (name.state === 'failed') return t('form.defenders.nameFailed');
        return t('common:sensitive.outsideAccess');
      },
      remember: (defender) =>
        setKnown((current) => {
          if (current.get(defender.id)?.displayName === defender.displayName) return current;
          const next = new Map(current);
          next.set(defender.id, {
            id: defender.id,
            displayName: defender.displayName,
            aliases: defender.aliases,
            country: defender.country,
          });
          return next;
        }),
      known: () => {
        const all = new Map(known);
        for (const [id, defender] of fetched.data ?? []) {
          if (!all.has(id)) {
            all.set(id, {
              id,
              displayName: defender.displayName,
              aliases: defender.aliases,
              country: defender.country,
            });
          }
        }
        return [...all.values()].filter((defender) => ids.includes(defender.id));
      },
    }),
    [nameOf, known, fetched.data, ids, t],
  );

  return <DefenderNamesContext value={value}>{children}</DefenderNamesContext>;
}

export function useDefenderNames(): DefenderNames {
  const names = use(DefenderNamesContext);
  if (!names) throw new Error('useDefenderNames needs DefenderNamesProvider above it');
  return names;
}
