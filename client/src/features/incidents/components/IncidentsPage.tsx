import { SectionPage } from '../../../components/ui/SectionPage.tsx';

export function IncidentsPage() {
  return (
    <SectionPage
      title="Incidents"
      subject="Incident"
      requires="read"
      actions={['read', 'create', 'update', 'transition', 'delete']}
    >
      <p>
        Attacks on defenders: who did what to whom, when and where, with the charges brought and the
        sources that back each account. An incident moves from draft to submitted to verified, and
        is verified only on two independent sources.
      </p>
    </SectionPage>
  );
}
