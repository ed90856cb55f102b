import { Anchor, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { roles } from '@vigil/shared/enums';
import { vocabularyNames } from '@vigil/shared/vocabularies';
import { EmptyState, QueryState } from '../../../components/ui/QueryState.tsx';
import { formatCountries, formatNumber, formatRelative, roleLabel } from '../../../lib/format.ts';
import { useCommonText } from '../../../lib/i18n.ts';
import { useVocabularies } from '../../../lib/lookups.ts';
import { useHomeUsers } from '../api/get-users.ts';
import { useHomeText } from '../i18n/index.ts';
import { HomeBlock } from './HomeBlock.tsx';

// Accounts at a glance: how many people hold each role, and who was added last.
export function UsersBlock() {
  const { t } = useHomeText();
  const users = useHomeUsers(true);
  return (
    <HomeBlock title={t('users.title')} more={{ to: '/users', label: t('users.manage') }}>
      <QueryState query={users}>
        {({ items }) => {
          if (items.length === 0) return <EmptyState title={t('users.empty')} />;
          const active = items.filter((user) => user.active);
          const inactive = items.length - active.length;
          return (
            <Stack gap="sm">
              <Title order={3}>{t('users.activeByRole')}</Title>
              <Group gap="xs" wrap="wrap">
                {roles.map((role) => (
                  <Badge key={role} color="gray" size="lg" tt="none">
                    {roleLabel(role)}:{' '}
                    {formatNumber(active.filter((user) => user.role === role).length)}
                  </Badge>
                ))}
              </Group>
              {inactive > 0 && (
                <Text size="sm" c="dimmed">
                  {t('users.inactive', { count: inactive })}
                </Text>
              )}
              <Title order={3}>{t('users.newest')}</Title>
              <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
                {items.slice(0, 5).map((user) => (
                  <li key={user.id}>
                    <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {user.name}
                    </Text>
                    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {t('users.countries', {
                        role: roleLabel(user.role),
                        countries: formatCountries(user.countries),
                      })}{' '}
                      · {formatRelative(user.createdAt)}
                    </Text>
                  </li>
                ))}
              </Stack>
            </Stack>
          );
        }}
      </QueryState>
    </HomeBlock>
  );
}

export function VocabulariesBlock() {
  const { t } = useHomeText();
  const common = useCommonText();
  const vocabularies = useVocabularies();
  return (
    <HomeBlock
      title={t('vocabularies.title')}
      description={t('vocabularies.description')}
      more={{ to: '/vocabularies', label: t('vocabularies.manage') }}
    >
      <QueryState query={vocabularies}>
        {(lists) => (
          <Table verticalSpacing={4}>
            <Table.Tbody>
              {vocabularyNames.map((name) => {
                const terms = lists[name];
                const retired = terms.filter((term) => term.retired).length;
                return (
                  <Table.Tr key={name}>
                    <Table.Th scope="row" fw={500}>
                      <Anchor component={Link} to={`/vocabularies?vocabulary=${name}`} size="sm">
                        {common.t(`vocabulary.names.${name}`)}
                      </Anchor>
                    </Table.Th>
                    <Table.Td ta="right">
                      {t('vocabularies.terms', { count: terms.length - retired })}
                      {retired > 0 && (
                        <Text span size="sm" c="dimmed">
                          {' '}
                          · {t('vocabularies.retired', { count: retired })}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </HomeBlock>
  );
}
