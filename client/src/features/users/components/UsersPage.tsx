import { SectionPage } from '../../../components/ui/SectionPage.tsx';

export function UsersPage() {
  return (
    <SectionPage
      title="Users"
      subject="User"
      requires="manage"
      actions={['read', 'create', 'update', 'delete']}
    >
      <p>
        The people who use Vigil: their role, the countries they work on, and whether their account
        is active. Deactivating an account ends its sessions.
      </p>
    </SectionPage>
  );
}
