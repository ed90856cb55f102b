import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconCircleOff, IconUserPlus } from '@tabler/icons-react';
import type { ColumnDef } from '@tanstack/react-table';
import { userListQuery, type UserOutput } from '@vigil/shared/schemas/users';
import { useMemo, useState } from 'react';
import { DataTable } from '../../../components/ui/DataTable.tsx';
import { PageHeader } from '../../../components/ui/PageHeader.tsx';
import { EmptyState, QueryState } from '../../../components/ui/QueryState.tsx';
import { useAppAbility } from '../../../lib/ability.ts';
import { formatCountries, formatDate, roleLabel } from '../../../lib/format.ts';
import { useCommonText } from '../../../lib/i18n.ts';
import { useListParams } from '../../../lib/list-params.ts';
import { useSessionUser } from '../../../lib/session.ts';
import { useUsers } from '../api/get-users.ts';
import { useUsersText } from '../i18n/index.ts';
import { CreateUserModal } from './CreateUserModal.tsx';
import { EditUserModal } from './EditUserModal.tsx';
import { usePasswordReset } from './PasswordHandOver.tsx';
import { UserActions } from './UserActions.tsx';
import { UserFilters } from './UserFilters.tsx';

// In words and with an icon, never colour alone.
function AccountStatus({ active }: { active: boolean }) {
  const { t } = useUsersText();
  const Icon = active ? IconCircleCheck : IconCircleOff;
  return (
    <Group gap={4} wrap="nowrap">
      <Icon size={16} aria-hidden color={`var(--mantine-color-${active ? 'green' : 'gray'}-7)`} />
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {active ? t('status.active') : t('status.inactive')}
      </Text>
    </Group>
  );
}

function UserList() {
  const { t } = useUsersText();
  const me = useSessionUser();
  const { raw, query, update, clear } = useListParams(userListQuery);
  const users = useUsers(query);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserOutput | null>(null);
  const { start: resetPassword, modal: passwordHandOver } = usePasswordReset();
  const filtered = Object.keys(raw).some((key) => key !== 'cursor' && key !== 'limit');

  const columns = useMemo<ColumnDef<UserOutput, unknown>[]>(
    () => [
      {
        id: 'name',
        header: t('columns.name'),
        cell: ({ row }) => (
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {row.original.name}
            {row.original.id === me.id && (
              <Text span size="sm" c="dimmed" fw={400}>
                {' '}
                ({t('you')})
              </Text>
            )}
          </Text>
        ),
      },
      {
        id: 'email',
        header: t('columns.email'),
        cell: ({ row }) => (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {row.original.email}
          </Text>
        ),
      },
      {
        id: 'role',
        header: t('columns.role'),
        cell: ({ row }) => <Text size="sm">{roleLabel(row.original.role)}</Text>,
      },
      {
        id: 'countries',
        header: t('columns.countries'),
        cell: ({ row }) => <Text size="sm">{formatCountries(row.original.countries)}</Text>,
      },
      {
        id: 'status',
        header: t('columns.status'),
        cell: ({ row }) => <AccountStatus active={row.original.active} />,
      },
      {
        id: 'created',
        header: t('columns.created'),
        cell: ({ row }) => (
          <Text
            size="sm"
            component="time"
            dateTime={row.original.createdAt}
            style={{ whiteSpace: 'nowrap' }}
          >
            {formatDate(row.original.createdAt)}
          </Text>
        ),
      },
      {
        id: 'actions',
        header: t('columns.actions'),
        enableHiding: false,
        cell: ({ row }) => (
          <UserActions user={row.original} onEdit={setEditing} onResetPassword={resetPassword} />
        ),
      },
    ],
    [t, me.id, resetPassword],
  );

  return (
    <>
      <PageHeader
        title={t('page.title')}
        description={t('page.description')}
        actions={
          <Button
            leftSection={<IconUserPlus size={16} aria-hidden />}
            onClick={() => setCreating(true)}
          >
            {t('page.add')}
          </Button>
        }
      />
      <Stack gap="md">
        <UserFilters raw={raw} update={update} clear={clear} />
        <QueryState query={users}>
          {(data) => {
            const rows = data.pages.flatMap((page) => page.items);
            if (rows.length === 0) {
              return (
                <EmptyState title={filtered ? t('empty.filtered') : t('empty.none')}>
                  {filtered ? null : (
                    <Button variant="light" onClick={() => setCreating(true)}>
                      {t('page.add')}
                    </Button>
                  )}
                </EmptyState>
              );
            }
            return (
              <DataTable
                data={rows}
                columns={columns}
                getRowId={(user) => user.id}
                caption={t('page.caption')}
                cardTitle={(user) => (
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {user.name}
                    {user.id === me.id && (
                      <Text span c="dimmed" fw={400}>
                        {' '}
                        ({t('you')})
                      </Text>
                    )}
                  </Text>
                )}
                cardHidden={['name']}
                hasMore={users.hasNextPage}
                loadingMore={users.isFetchingNextPage}
                onLoadMore={() => void users.fetchNextPage()}
              />
            );
          }}
        </QueryState>
      </Stack>
      <CreateUserModal opened={creating} onClose={() => setCreating(false)} />
      <EditUserModal user={editing} onClose={() => setEditing(null)} />
      {passwordHandOver}
    </>
  );
}

export function UsersPage() {
  const { t } = useUsersText();
  const common = useCommonText();
  const ability = useAppAbility();
  return (
    <section aria-labelledby="page-title">
      {ability.can('manage', 'User') ? (
        <UserList />
      ) : (
        <>
          <PageHeader title={t('page.title')} />
          <Alert color="red" role="alert">
            {common.t('state.noAccess', { section: t('page.title') })}
          </Alert>
        </>
      )}
    </section>
  );
}
