import { Badge, NavLink, Stack } from '@mantine/core';
import { NavLink as RouterNavLink, useLocation, matchPath } from 'react-router';
import { useAppAbility } from '../lib/ability.ts';
import { useCommonText } from '../lib/i18n.ts';
import { homeSection, sections, type Section } from './sections.ts';

interface AppNavProps {
  // the review queue's count, shown on its link for those who review
  reviewCount?: number | undefined;
  onNavigate?: () => void;
}

export function AppNav({ reviewCount, onNavigate }: AppNavProps) {
  const ability = useAppAbility();
  const { t } = useCommonText();
  const { pathname } = useLocation();
  const visible = sections.filter((section) =>
    ability.can(section.action, section.subject, section.field),
  );
  const link = (section: Pick<Section, 'path' | 'label' | 'icon'>) => {
    const Icon = section.icon;
    const end = section.path === '/';
    const count = section.path === '/review' ? reviewCount : undefined;
    return (
      <NavLink
        key={section.path}
        component={RouterNavLink}
        to={section.path}
        end={end}
        label={t(`nav.${section.label}`)}
        active={matchPath({ path: section.path, end }, pathname) !== null}
        leftSection={<Icon size={18} stroke={1.6} aria-hidden />}
        rightSection={
          count ? (
            <Badge size="sm" circle={count < 10} aria-label={t('nav.reviewCount', { count })}>
              {count}
            </Badge>
          ) : undefined
        }
        onClick={onNavigate}
      />
    );
  };
  return (
    <Stack component="nav" aria-label={t('nav.label')} gap={2}>
      {link(homeSection)}
      {visible.map(link)}
    </Stack>
  );
}
