import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../components/ui/NotFoundPage.tsx';
import { DefenderPage } from './components/DefenderPage.tsx';
import { DefendersPage } from './components/DefendersPage.tsx';
import { EditDefenderPage, NewDefenderPage } from './components/form/DefenderFormPage.tsx';

export function DefenderRoutes() {
  return (
    <Routes>
      <Route index element={<DefendersPage />} />
      <Route path="new" element={<NewDefenderPage />} />
      <Route path=":id" element={<DefenderPage />} />
      <Route path=":id/edit" element={<EditDefenderPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
