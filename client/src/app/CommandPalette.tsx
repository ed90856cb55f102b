import { Button, Group, Kbd, Text, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { IconFileAlert, IconSearch, IconUserShield } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useAppAbility } from '../lib/ability.ts';
import { useCommonText } from '../lib/i18n.ts';
import { searchDefenders, searchIncidents } from '../lib/lookups.ts';

export function CommandPaletteButton() {
  const { t } = useCommonText();
  return (
    <Button
      variant="default"
      size="xs"
      onClick={spotlight.open}
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={
        <Kbd size="xs" visibleFrom="sm">
          Ctrl K
        </Kbd>
      }
      aria-keyshortcuts="Control+K Meta+K"
    >
      {/* the name comes from the text (an aria-label that differs from the visible words
          fails WCAG 2.5.3); on narrow screens the text is there for screen readers only */}
      <Text span size="sm" visibleFrom="md">
        {t('app.searchPlaceholder')}
      </Text>
      <VisuallyHidden hiddenFrom="md">{t('app.searchPlaceholder')}</VisuallyHidden>
    </Button>
  );
}

// Ctrl/Cmd+K: jump to an incident by reference or title, or to a defender by name or alias.
export function CommandPalette() {
  const { t } = useCommonText();
  const ability = useAppAbility();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [q] = useDebouncedValue(query.trim(), 200);
  const incidents = useQuery({
    queryKey: ['incidents', 'palette', q] as const,
    queryFn: ({ signal }) => searchIncidents(q, signal, 6),
    enabled: q.length > 0 && ability.can('read', 'Incident'),
  });
  const defenders = useQuery({
    queryKey: ['defenders', 'palette', q] as const,
    queryFn: ({ signal }) => searchDefenders(q, signal, 6),
    enabled: q.length > 0 && ability.can('read', 'Defender'),
  });
  const go = (path: string) => {
    spotlight.close();
    void navigate(path);
  };
  const incidentItems = incidents.data?.items ?? [];
  const defenderItems = defenders.data?.items ?? [];
  const searching = incidents.isFetching || defenders.isFetching;

  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={['mod + K']} scrollable>
      <Spotlight.Search
        placeholder={t('app.searchPlaceholder')}
        aria-label={t('app.searchPlaceholder')}
        leftSection={<IconSearch size={18} aria-hidden />}
      />
      <Spotlight.ActionsList>
        {incidentItems.length > 0 && (
          <Spotlight.ActionsGroup label={t('nav.incidents')}>
            {incidentItems.map((incident) => (
              <Spotlight.Action
                key={incident.id}
                onClick={() => go(`/incidents/${incident.id}`)}
                leftSection={<IconFileAlert size={18} aria-hidden />}
                label={`${incident.reference} · ${incident.title}`}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {defenderItems.length > 0 && (
          <Spotlight.ActionsGroup label={t('nav.defenders')}>
            {defenderItems.map((defender) => (
              <Spotlight.Action
                key={defender.id}
                onClick={() => go(`/defenders/${defender.id}`)}
                leftSection={<IconUserShield size={18} aria-hidden />}
                label={defender.displayName}
                description={defender.aliases.join(' · ') || undefined}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {q.length > 0 && !searching && incidentItems.length + defenderItems.length === 0 && (
          <Spotlight.Empty>{t('palette.nothing', { q })}</Spotlight.Empty>
        )}
        {q.length === 0 && (
          <Spotlight.Empty>
            <Group gap={4} justify="center">
              {t('palette.hint')}
            </Group>
          </Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
