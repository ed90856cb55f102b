import {
  ActionIcon,
  Anchor,
  AppShell,
  Burger,
  Group,
  Loader,
  Text,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { IconMoon, IconSun } from '@tabler/icons-react';
import { Suspense, useMemo } from 'react';
import {
  Link,
  Navigate,
  Outlet,
  ScrollRestoration,
  useLocation,
  useNavigation,
} from 'react-router';
import { useMe } from '../features/auth/api/get-me.ts';
import { AccountLink } from '../features/auth/components/AccountLink.tsx';
import { SignOutButton } from '../features/auth/components/SignOutButton.tsx';
import { AbilityProvider, abilityFromPackedRules } from '../lib/ability.ts';
import { formatCountries, roleLabel } from '../lib/format.ts';
import { useCommonText } from '../lib/i18n.ts';
import { SessionUserContext } from '../lib/session.ts';
import { AppNav } from './AppNav.tsx';
import { CommandPalette, CommandPaletteButton } from './CommandPalette.tsx';
import { useReviewCount } from './review-count.ts';
import { signInPath } from './session-loader.ts';
import classes from './SignedInLayout.module.css';

function ColorSchemeToggle() {
  const { t } = useCommonText();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  return (
    <Tooltip label={t('app.colorScheme')}>
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={t('app.colorScheme')}
        onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')}
      >
        {scheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
      </ActionIcon>
    </Tooltip>
  );
}

export function SignedInLayout() {
  const { data: session } = useMe();
  const location = useLocation();
  const navigation = useNavigation();
  const { t } = useCommonText();
  const [opened, { toggle, close }] = useDisclosure();
  const rules = session?.rules;
  const ability = useMemo(() => (rules ? abilityFromPackedRules(rules) : undefined), [rules]);
  // until a role that must use two-factor sign-in has set it up, the API answers it 403 but
  // for its account, so the badge does not ask
  const settingUpTwoFactor = session?.twoFactor.required === true && !session.twoFactor.enabled;
  const reviewCount = useReviewCount(settingUpTwoFactor ? undefined : ability);

  // The session loader let us in, so a null session now means it ended while the user was
  // here (a 401 on any call, or the re-check when the window regains focus).
  if (session === null) {
    // once on its way to the sign-in page, the destination stays the page the user was on
    // (else the next render would make the sign-in page itself the page to come back to)
    const leaving = navigation.location?.pathname === '/login' ? undefined : navigation.location;
    return <Navigate to={signInPath(leaving ?? location, true)} replace />;
  }
  if (!session || !ability) return null;
  const { user } = session;

  return (
    <AbilityProvider value={ability}>
      <SessionUserContext value={user}>
        <ModalsProvider>
          <Notifications position="bottom-right" />
          <Anchor href="#main" className={classes.skipLink}>
            {t('app.skipToContent')}
          </Anchor>
          <AppShell
            header={{ height: 56 }}
            navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
            padding="md"
          >
            <AppShell.Header className={classes.noPrint}>
              <Group h="100%" px="md" justify="space-between" wrap="nowrap">
                <Group gap="sm" wrap="nowrap">
                  <Burger
                    opened={opened}
                    onClick={toggle}
                    hiddenFrom="sm"
                    size="sm"
                    aria-label={opened ? t('app.closeMenu') : t('app.openMenu')}
                  />
                  <Anchor component={Link} to="/" fw={700} fz="lg" underline="never">
                    {t('app.name')}
                  </Anchor>
                  <CommandPaletteButton />
                </Group>
                <Group gap="sm" wrap="nowrap">
                  <div className={classes.account}>
                    <Text size="sm" fw={600} lh={1.2} truncate>
                      {user.name}
                    </Text>
                    <Text size="xs" c="dimmed" lh={1.2} truncate>
                      {roleLabel(user.role)} · {formatCountries(user.countries)}
                    </Text>
                  </div>
                  <ColorSchemeToggle />
                  <AccountLink />
                  <SignOutButton />
                </Group>
              </Group>
            </AppShell.Header>
            <AppShell.Navbar p="xs" className={classes.noPrint}>
              <VisuallyHidden>
                {user.name}, {roleLabel(user.role)}
              </VisuallyHidden>
              <AppNav onNavigate={close} reviewCount={reviewCount} />
            </AppShell.Navbar>
            <AppShell.Main
              id="main"
              tabIndex={-1}
              aria-busy={navigation.state === 'loading'}
              className={classes.main}
            >
              <Suspense fallback={<Loader aria-label={t('state.loading')} />}>
                <Outlet />
              </Suspense>
            </AppShell.Main>
          </AppShell>
          <CommandPalette />
          <ScrollRestoration />
        </ModalsProvider>
      </SessionUserContext>
    </AbilityProvider>
  );
}
