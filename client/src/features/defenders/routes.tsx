import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../components/ui/NotFoundPage.tsx';
import { DefendersPage } from './components/DefendersPage.tsx';

export function DefenderRoutes() {
  return (
    <Routes>
      <Route index element={<DefendersPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
