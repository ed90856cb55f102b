import { Alert, Badge, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { VocabularyTermOutput } from '@vigil/shared/schemas/vocabularies';
import { vocabularyNames, type VocabularyName } from '@vigil/shared/vocabularies';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/ui/PageHeader.tsx';
import { EmptyState, QueryState } from '../../../components/ui/QueryState.tsx';
import { useAppAbility } from '../../../lib/ability.ts';
import { useCommonText } from '../../../lib/i18n.ts';
import { useVocabularies } from '../../../lib/lookups.ts';
import { useVocabulariesText } from '../i18n/index.ts';
import { TermFormModal } from './TermFormModal.tsx';
import { TermsTable } from './TermsTable.tsx';

const isVocabulary = (value: string | null): value is VocabularyName =>
  vocabularyNames.some((name) => name === value);

function VocabularyEditor() {
  const { t } = useVocabulariesText();
  const common = useCommonText();
  const vocabularies = useVocabularies();
  // the open vocabulary is in the address, so that a link opens it
  const [params, setParams] = useSearchParams();
  const requested = params.get('vocabulary');
  const vocabulary: VocabularyName = isVocabulary(requested) ? requested : vocabularyNames[0];
  const [editing, setEditing] = useState<VocabularyTermOutput | 'new' | null>(null);
  const onEdit = useCallback((term: VocabularyTermOutput) => setEditing(term), []);
  const terms = vocabularies.data?.[vocabulary] ?? [];
  const groups = [...new Set(terms.flatMap((term) => (term.parent ? [term.parent] : [])))];
  const retired = terms.filter((term) => term.retired).length;

  return (
    <>
      <PageHeader title={t('page.title')} description={t('page.description')} />
      <QueryState query={vocabularies}>
        {(lists) => (
          <Tabs
            value={vocabulary}
            onChange={(value) => {
              if (isVocabulary(value)) setParams({ vocabulary: value }, { replace: true });
            }}
          >
            <Tabs.List aria-label={t('page.tabs')} mb="md">
              {vocabularyNames.map((name) => (
                <Tabs.Tab
                  key={name}
                  value={name}
                  rightSection={
                    <Badge size="sm" color="gray" circle={lists[name].length < 10}>
                      {lists[name].length}
                    </Badge>
                  }
                >
                  {common.t(`vocabulary.names.${name}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {/* every tab has its panel (tabs point at them); only the open one is filled */}
            {vocabularyNames.map((name) => (
              <Tabs.Panel key={name} value={name}>
                {name === vocabulary && (
                  <Stack gap="sm">
                    <Group justify="space-between" align="flex-start" gap="sm">
                      <Stack gap={2} flex="1 1 18rem">
                        <Text>{t(`about.${vocabulary}`)}</Text>
                        <Text size="sm" c="dimmed">
                          {t('count', { count: terms.length })}
                          {retired > 0 && ` · ${t('retiredCount', { count: retired })}`}
                        </Text>
                      </Stack>
                      <Button
                        leftSection={<IconPlus size={16} aria-hidden />}
                        onClick={() => setEditing('new')}
                      >
                        {t('actions.add')}
                      </Button>
                    </Group>
                    {terms.length === 0 ? (
                      <EmptyState title={t('empty')} />
                    ) : (
                      <TermsTable vocabulary={vocabulary} terms={terms} onEdit={onEdit} />
                    )}
                  </Stack>
                )}
              </Tabs.Panel>
            ))}
          </Tabs>
        )}
      </QueryState>
      <TermFormModal
        vocabulary={vocabulary}
        groups={groups}
        editing={editing}
        onClose={() => setEditing(null)}
      />
    </>
  );
}

export function VocabulariesPage() {
  const { t } = useVocabulariesText();
  const common = useCommonText();
  const ability = useAppAbility();
  return (
    <section aria-labelledby="page-title">
      {ability.can('create', 'VocabularyTerm') ? (
        <VocabularyEditor />
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
