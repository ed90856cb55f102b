import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../components/ui/NotFoundPage.tsx';
import { StatisticsPage } from './components/StatisticsPage.tsx';

export function StatsRoutes() {
  return (
    <Routes>
      <Route index element={<StatisticsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
