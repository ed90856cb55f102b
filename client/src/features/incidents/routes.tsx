import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../components/ui/NotFoundPage.tsx';
import { EditIncidentPage, NewIncidentPage } from './components/form/IncidentFormPage.tsx';
import { IncidentPage } from './components/IncidentPage.tsx';
import { IncidentsPage } from './components/IncidentsPage.tsx';
import { ReviewPage } from './components/ReviewPage.tsx';

export function IncidentRoutes() {
  return (
    <Routes>
      <Route index element={<IncidentsPage />} />
      <Route path="new" element={<NewIncidentPage />} />
      <Route path=":id" element={<IncidentPage />} />
      <Route path=":id/edit" element={<EditIncidentPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

export function ReviewRoute() {
  return <ReviewPage />;
}
