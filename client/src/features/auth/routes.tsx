import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../components/ui/NotFoundPage.tsx';
import { ChangePasswordPage } from './components/ChangePasswordPage.tsx';
import { TwoFactorPage } from './components/TwoFactorPage.tsx';

// The signed-in user's own account
export function AccountRoutes() {
  return (
    <Routes>
      <Route path="password" element={<ChangePasswordPage />} />
      <Route path="two-factor" element={<TwoFactorPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
