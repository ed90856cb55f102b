import { Alert, Anchor, Button, List, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import type { SimilarDefenders } from '@vigil/shared/schemas/defenders';
import type { Ref } from 'react';
import { countryName, formatNumber } from '../../../../lib/format.ts';
import { useDefendersText } from '../../i18n/index.ts';

interface DuplicateWarningProps {
  similar: SimilarDefenders['items'];
  // set when the user tried to add the defender while these were listed
  asked: boolean;
  onAddAnyway: () => void;
  adding: boolean;
  ref?: Ref<HTMLDivElement>;
}

// Before a new defender is added: the defenders already recorded with a similar name, each a
// link (in a new tab, so that the typing here stays) to check whether it is the same person.
export function DuplicateWarning({
  similar,
  asked,
  onAddAnyway,
  adding,
  ref,
}: DuplicateWarningProps) {
  const { t } = useDefendersText();
  if (similar.length === 0) return null;
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      color="yellow"
      icon={<IconCopy aria-hidden />}
      title={t('duplicates.title', { count: similar.length })}
      role={asked ? 'alert' : 'status'}
      // yellow on light yellow is under AA contrast: the title takes the text colour
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
    >
      <Stack gap="xs">
        <Text size="sm">{asked ? t('duplicates.asked') : t('duplicates.text')}</Text>
        <List size="sm" spacing={4}>
          {similar.map((defender) => {
            const facts = [
              countryName(defender.country),
              defender.birthYear ? t('duplicates.born', { year: defender.birthYear }) : null,
              defender.organisation,
              t('duplicates.similarity', {
                percent: formatNumber(Math.round(defender.similarity * 100)),
              }),
            ].filter(Boolean);
            return (
              <List.Item key={defender.id}>
                <Anchor href={`/defenders/${defender.id}`} target="_blank" rel="noopener" fw={600}>
                  {defender.displayName}
                  <VisuallyHidden>{t('duplicates.newTab')}</VisuallyHidden>
                </Anchor>
                {defender.aliases.length > 0 && (
                  <Text span size="sm">
                    {' '}
                    ({defender.aliases.join(' · ')})
                  </Text>
                )}
                <Text size="xs">{facts.join(' · ')}</Text>
              </List.Item>
            );
          })}
        </List>
        {asked && (
          <Button
            variant="light"
            color="yellow"
            onClick={onAddAnyway}
            loading={adding}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('duplicates.addAnyway')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
