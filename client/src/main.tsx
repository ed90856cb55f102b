import { styleNonce } from './app/content-security.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { AppProviders } from './app/AppProviders.tsx';
import { createAppRouter } from './app/router.tsx';
import { endSession } from './features/auth/api/get-me.ts';
import { createQueryClient } from './lib/query-client.ts';

const queryClient = createQueryClient({ onUnauthenticated: () => endSession(queryClient) });
const router = createAppRouter(queryClient);

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

createRoot(root).render(
  <StrictMode>
    <AppProviders queryClient={queryClient} styleNonce={styleNonce}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
