import { Alert, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Action } from '@vigil/shared/auth/abilities';
import { useAppAbility } from '../../lib/ability.ts';
import { formatCountries } from '../../lib/format.ts';
import { useCommonText } from '../../lib/i18n.ts';
import { useSessionUser } from '../../lib/session.ts';
import { describeAccess, type SubjectType } from './access.ts';
import { PageHeader } from './PageHeader.tsx';

const actionLabels: Record<Action, string> = {
  read: 'View',
  create: 'Add',
  update: 'Edit',
  delete: 'Delete',
  transition: 'Change status',
  manage: 'Manage',
};

interface SectionPageProps {
  title: string;
  subject: SubjectType;
  // what the caller needs to open the section at all
  requires: Action;
  // the actions whose scope the page lists
  actions: Action[];
  children: ReactNode;
}

// A section's page: its purpose, and what the signed-in user may do in it. Display only; the
// server checks every request again.
export function SectionPage({ title, subject, requires, actions, children }: SectionPageProps) {
  const ability = useAppAbility();
  const user = useSessionUser();
  const { t } = useCommonText();
  const allowed = ability.can(requires, subject);
  return (
    <section aria-labelledby="page-title">
      <PageHeader title={title} />
      {allowed ? (
        <>
          {children}
          <Title order={2} mt="lg" mb="xs">
            Your access
          </Title>
          <Table maw={720} withTableBorder>
            <Table.Caption>What you may do in {title}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Action</Table.Th>
                <Table.Th scope="col">Scope</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {actions.map((action) => (
                <Table.Tr key={action}>
                  <Table.Th scope="row">{actionLabels[action]}</Table.Th>
                  <Table.Td>
                    {describeAccess(ability, action, subject, user) ?? 'Not allowed'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text c="dimmed" mt="xs">
            Your countries: {formatCountries(user.countries)}.
          </Text>
        </>
      ) : (
        <Alert color="red" role="alert">
          {t('state.noAccess', { section: title })}
        </Alert>
      )}
    </section>
  );
}
