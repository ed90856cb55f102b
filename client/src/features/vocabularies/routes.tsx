import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../components/ui/NotFoundPage.tsx';
import { VocabulariesPage } from './components/VocabulariesPage.tsx';

export function VocabularyRoutes() {
  return (
    <Routes>
      <Route index element={<VocabulariesPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
