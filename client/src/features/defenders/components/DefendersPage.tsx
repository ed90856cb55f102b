import { SectionPage } from '../../../components/ui/SectionPage.tsx';

export function DefendersPage() {
  return (
    <SectionPage
      title="Defenders"
      subject="Defender"
      requires="read"
      actions={['read', 'create', 'update', 'delete']}
    >
      <p>
        The human rights defenders Vigil documents: who they are, where they work, their consent to
        be named in public outputs and their current risk level. Legal names, contact details and
        regions are sensitive and shown only to the roles allowed to see them.
      </p>
    </SectionPage>
  );
}
