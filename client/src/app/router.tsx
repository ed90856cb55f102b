import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { LoadingPage } from './LoadingPage.tsx';
import { NotFoundPage } from '../components/ui/NotFoundPage.tsx';
import { RouteErrorPage } from './RouteErrorPage.tsx';
import { sessionLoader } from './session-loader.ts';

// Each feature's routes (features/<feature>/routes.tsx) load with its code when first opened.
const featureRoutes: RouteObject[] = [
  {
    path: 'defenders/*',
    lazy: async () => ({
      Component: (await import('../features/defenders/routes.tsx')).DefenderRoutes,
    }),
  },
  {
    path: 'incidents/*',
    lazy: async () => ({
      Component: (await import('../features/incidents/routes.tsx')).IncidentRoutes,
    }),
  },
  {
    path: 'review',
    lazy: async () => ({
      Component: (await import('../features/incidents/routes.tsx')).ReviewRoute,
    }),
  },
  {
    path: 'advocacy/*',
    lazy: async () => ({
      Component: (await import('../features/advocacy/routes.tsx')).AdvocacyRoutes,
    }),
  },
  {
    path: 'statistics/*',
    lazy: async () => ({ Component: (await import('../features/stats/routes.tsx')).StatsRoutes }),
  },
  {
    path: 'audit/*',
    lazy: async () => ({ Component: (await import('../features/audit/routes.tsx')).AuditRoutes }),
  },
  {
    path: 'users/*',
    lazy: async () => ({ Component: (await import('../features/users/routes.tsx')).UserRoutes }),
  },
  {
    path: 'account/*',
    lazy: async () => ({ Component: (await import('../features/auth/routes.tsx')).AccountRoutes }),
  },
  {
    path: 'vocabularies/*',
    lazy: async () => ({
      Component: (await import('../features/vocabularies/routes.tsx')).VocabularyRoutes,
    }),
  },
];

export function createAppRouter(queryClient: QueryClient) {
  return createBrowserRouter([
    {
      ErrorBoundary: RouteErrorPage,
      HydrateFallback: LoadingPage,
      children: [
        {
          path: 'login',
          lazy: async () => ({
            Component: (await import('../features/auth/components/LoginPage.tsx')).LoginPage,
          }),
        },
        {
          // the shell loads with the first signed-in page, so that the sign-in page stays light
          lazy: async () => ({ Component: (await import('./SignedInLayout.tsx')).SignedInLayout }),
          loader: sessionLoader(queryClient),
          // the loader re-checks the session, so it runs on every navigation
          shouldRevalidate: () => true,
          children: [
            {
              // errors inside a section keep the shell and its navigation
              ErrorBoundary: RouteErrorPage,
              children: [
                {
                  index: true,
                  lazy: async () => ({
                    Component: (await import('../features/home/components/HomePage.tsx')).HomePage,
                  }),
                },
                ...featureRoutes,
                { path: '*', Component: NotFoundPage },
              ],
            },
          ],
        },
      ],
    },
  ]);
}
