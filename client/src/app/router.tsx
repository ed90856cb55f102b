import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter } from 'react-router';
import { HomePage } from './HomePage.tsx';
import { LoadingPage } from './LoadingPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { RouteErrorPage } from './RouteErrorPage.tsx';
import { sessionLoader } from './session-loader.ts';
import { SignedInLayout } from './SignedInLayout.tsx';

// Each section's code loads when it is first opened.
export function createAppRouter(queryClient: QueryClient) {
  return createBrowserRouter([
    {
      ErrorBoundary: RouteErrorPage,
      HydrateFallback: LoadingPage,
      children: [
        {
          path: 'login',
          lazy: {
            Component: async () =>
              (await import('../features/auth/components/LoginPage.tsx')).LoginPage,
          },
        },
        {
          Component: SignedInLayout,
          loader: sessionLoader(queryClient),
          // the loader re-checks the session, so it runs on every navigation
          shouldRevalidate: () => true,
          children: [
            {
              // errors inside a section keep the shell and its navigation
              ErrorBoundary: RouteErrorPage,
              children: [
                { index: true, Component: HomePage },
                {
                  path: 'defenders',
                  lazy: {
                    Component: async () =>
                      (await import('../features/defenders/components/DefendersPage.tsx'))
                        .DefendersPage,
                  },
                },
                {
                  path: 'incidents',
                  lazy: {
                    Component: async () =>
                      (await import('../features/incidents/components/IncidentsPage.tsx'))
                        .IncidentsPage,
                  },
                },
                {
                  path: 'advocacy',
                  lazy: {
                    Component: async () =>
                      (await import('../features/advocacy/components/AdvocacyPage.tsx'))
                        .AdvocacyPage,
                  },
                },
                {
                  path: 'statistics',
                  lazy: {
                    Component: async () =>
                      (await import('../features/stats/components/StatisticsPage.tsx'))
                        .StatisticsPage,
                  },
                },
                {
                  path: 'audit',
                  lazy: {
                    Component: async () =>
                      (await import('../features/audit/components/AuditPage.tsx')).AuditPage,
                  },
                },
                {
                  path: 'users',
                  lazy: {
                    Component: async () =>
                      (await import('../features/users/components/UsersPage.tsx')).UsersPage,
                  },
                },
                {
                  path: 'vocabularies',
                  lazy: {
                    Component: async () =>
                      (await import('../features/vocabularies/components/VocabulariesPage.tsx'))
                        .VocabulariesPage,
                  },
                },
                { path: '*', Component: NotFoundPage },
              ],
            },
          ],
        },
      ],
    },
  ]);
}
