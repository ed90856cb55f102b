import { SectionPage } from '../../../components/ui/SectionPage.tsx';

export function AdvocacyPage() {
  return (
    <SectionPage
      title="Advocacy"
      subject="AdvocacyAction"
      requires="read"
      actions={['read', 'create', 'update', 'delete']}
    >
      <p>
        Statements, joint letters, urgent appeals, UN submissions, side events and media work built
        on verified cases, each linked to the incidents and defenders it speaks for.
      </p>
    </SectionPage>
  );
}
