import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../components/ui/NotFoundPage.tsx';
import { AuditPage } from './components/AuditPage.tsx';

export function AuditRoutes() {
  return (
    <Routes>
      <Route index element={<AuditPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
