import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../components/ui/NotFoundPage.tsx';
import { AdvocacyPage } from './components/AdvocacyPage.tsx';

export function AdvocacyRoutes() {
  return (
    <Routes>
      <Route index element={<AdvocacyPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
