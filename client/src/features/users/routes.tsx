import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../components/ui/NotFoundPage.tsx';
import { UsersPage } from './components/UsersPage.tsx';

export function UserRoutes() {
  return (
    <Routes>
      <Route index element={<UsersPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
