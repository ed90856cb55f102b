import { SectionPage } from '../../../components/ui/SectionPage.tsx';

export function AuditPage() {
  return (
    <SectionPage title="Audit log" subject="AuditEvent" requires="read" actions={['read']}>
      <p>
        Who did what and when: every change, status transition, export, sign-in and reading of
        sensitive fields. The log is append-only; nobody can change or delete an entry.
      </p>
    </SectionPage>
  );
}
