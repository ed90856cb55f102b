import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../components/ui/NotFoundPage.tsx';
import { DashboardPage } from './components/DashboardPage.tsx';

export function StatsRoutes() {
  return (
    <Routes>
      <Route index element={<DashboardPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
