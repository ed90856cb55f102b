import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../components/ui/NotFoundPage.tsx';
import { AdvocacyActionPage } from './components/AdvocacyActionPage.tsx';
import { AdvocacyListPage } from './components/AdvocacyListPage.tsx';
import { EditAdvocacyPage, NewAdvocacyPage } from './components/form/AdvocacyFormPage.tsx';

export function AdvocacyRoutes() {
  return (
    <Routes>
      <Route index element={<AdvocacyListPage />} />
      <Route path="new" element={<NewAdvocacyPage />} />
      <Route path=":id" element={<AdvocacyActionPage />} />
      <Route path=":id/edit" element={<EditAdvocacyPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
