import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../components/ui/NotFoundPage.tsx';
import { IncidentsPage } from './components/IncidentsPage.tsx';

export function IncidentRoutes() {
  return (
    <Routes>
      <Route index element={<IncidentsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

export function ReviewRoute() {
  return <IncidentsPage />;
}
