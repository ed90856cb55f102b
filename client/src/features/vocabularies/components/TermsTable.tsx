import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconPencil, IconRestore } from '@tabler/icons-react';
import type { ColumnDef } from '@tanstack/react-table';
import type { VocabularyTermOutput } from '@vigil/shared/schemas/vocabularies';
import type { VocabularyName } from '@vigil/shared/vocabularies';
import { useMemo } from 'react';
import { DataTable } from '../../../components/ui/DataTable.tsx';
import { useCommonText } from '../../../lib/i18n.ts';
import { useUpdateTerm } from '../api/update-term.ts';
import { useVocabulariesText } from '../i18n/index.ts';
import { groupName } from '../utils/codes.ts';

interface TermsTableProps {
  vocabulary: VocabularyName;
  terms: VocabularyTermOutput[];
  onEdit: (term: VocabularyTermOutput) => void;
}

function TermActions({
  vocabulary,
  term,
  onEdit,
}: {
  vocabulary: VocabularyName;
  term: VocabularyTermOutput;
  onEdit: (term: VocabularyTermOutput) => void;
}) {
  const { t } = useVocabulariesText();
  const common = useCommonText();
  const update = useUpdateTerm();
  const label = term.label;
  const step = term.retired ? 'restore' : 'retire';
  const confirm = () =>
    modals.openConfirmModal({
      title: t(`${step}.title`, { label }),
      children: <Text size="sm">{t(`${step}.text`)}</Text>,
      labels: { confirm: t(`${step}.confirm`), cancel: common.t('actions.cancel') },
      confirmProps: { color: term.retired ? 'vigil' : 'red' },
      closeButtonProps: { 'aria-label': t('form.close') },
      onConfirm: () =>
        update.mutate(
          { vocabulary, code: term.code, retired: !term.retired },
          {
            onSuccess: () =>
              notifications.show({
                closeButtonProps: { 'aria-label': t('form.close') },
                color: 'green',
                message: t(`${step}.done`, { label }),
              }),
            onError: (error) =>
              notifications.show({
                closeButtonProps: { 'aria-label': t('form.close') },
                color: 'red',
                message: t('failed', { message: error.message }),
              }),
          },
        ),
    });
  return (
    <Group gap="xs" wrap="nowrap">
      <Button
        size="compact-sm"
        variant="default"
        leftSection={<IconPencil size={14} aria-hidden />}
        onClick={() => onEdit(term)}
        aria-label={t('actions.editFor', { label })}
      >
        {t('actions.edit')}
      </Button>
      <Button
        size="compact-sm"
        variant="subtle"
        color={term.retired ? 'vigil' : 'red'}
        leftSection={
          term.retired ? (
            <IconRestore size={14} aria-hidden />
          ) : (
            <IconArchive size={14} aria-hidden />
          )
        }
        onClick={confirm}
        loading={update.isPending}
        aria-label={t(`actions.${step}For`, { label })}
      >
        {t(`actions.${step}`)}
      </Button>
    </Group>
  );
}

// A vocabulary's terms in their order; retired ones stay listed, muted and marked.
export function TermsTable({ vocabulary, terms, onEdit }: TermsTableProps) {
  const { t } = useVocabulariesText();
  const common = useCommonText();
  const columns = useMemo<ColumnDef<VocabularyTermOutput, unknown>[]>(
    () => [
      {
        id: 'term',
        header: t('columns.term'),
        cell: ({ row }) => (
          <Stack gap={0}>
            <Text size="sm" fw={600} c={row.original.retired ? 'dimmed' : undefined}>
              {row.original.label}
            </Text>
            <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
              {row.original.code}
            </Text>
          </Stack>
        ),
      },
      {
        id: 'description',
        header: t('columns.description'),
        cell: ({ row }) =>
          row.original.description ? (
            <Text size="sm" c={row.original.retired ? 'dimmed' : undefined}>
              {row.original.description}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              {t('noDescription')}
            </Text>
          ),
      },
      {
        id: 'group',
        header: t('columns.group'),
        cell: ({ row }) => (
          <Text size="sm" c={row.original.retired ? 'dimmed' : undefined}>
            {row.original.parent ? groupName(row.original.parent) : t('noGroup')}
          </Text>
        ),
      },
      {
        id: 'status',
        header: t('columns.status'),
        cell: ({ row }) =>
          row.original.retired ? (
            <Badge color="gray" variant="outline" miw="fit-content">
              {t('status.retired')}
            </Badge>
          ) : (
            <Text size="sm">{t('status.inUse')}</Text>
          ),
      },
      {
        id: 'actions',
        header: t('columns.actions'),
        enableHiding: false,
        cell: ({ row }) => (
          <TermActions vocabulary={vocabulary} term={row.original} onEdit={onEdit} />
        ),
      },
    ],
    [t, vocabulary, onEdit],
  );
  return (
    <DataTable
      data={terms}
      columns={columns}
      getRowId={(term) => term.code}
      caption={t('page.caption', { name: common.t(`vocabulary.names.${vocabulary}`) })}
      cardTitle={(term) => (
        <Group gap="xs" wrap="wrap">
          <Text fw={600} c={term.retired ? 'dimmed' : undefined}>
            {term.label}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {term.code}
          </Text>
        </Group>
      )}
      cardHidden={['term']}
    />
  );
}
