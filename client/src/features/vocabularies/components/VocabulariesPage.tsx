import { SectionPage } from '../../../components/ui/SectionPage.tsx';

export function VocabulariesPage() {
  return (
    <SectionPage
      title="Vocabularies"
      subject="VocabularyTerm"
      requires="create"
      actions={['read', 'create', 'update']}
    >
      <p>
        The controlled lists behind every form: violations, perpetrators, sectors, source kinds,
        victim status and charge status. Terms can be added, relabelled and retired, never removed,
        so that past records keep their meaning.
      </p>
    </SectionPage>
  );
}
