import {
  Alert,
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { IconGitCompare } from '@tabler/icons-react';
import { useState } from 'react';
import { useCommonText } from '../../lib/i18n.ts';

export type ConflictChoice = 'mine' | 'theirs';

export interface ConflictField {
  name: string;
  // the field's name as the user reads it
  label: string;
  // both values already in words (labels, formatted dates), empty when unset
  mine: string;
  theirs: string;
  // what is picked before the user chooses
  initial: ConflictChoice;
}

interface ConflictReviewProps {
  // "defender", "advocacy action"
  what: string;
  fields: ConflictField[];
  onApply: (choices: Record<string, ConflictChoice>) => void;
}

// A 409 on save: someone else saved first. Shows what they changed next to what the user typed,
// field by field, and lets the user keep theirs or take the other's without retyping; the form
// then saves again over the new version.
export function ConflictReview({ what, fields, onApply }: ConflictReviewProps) {
  const { t } = useCommonText();
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>(() =>
    Object.fromEntries(fields.map((field) => [field.name, field.initial])),
  );
  const setAll = (choice: ConflictChoice) =>
    setChoices(Object.fromEntries(fields.map((field) => [field.name, choice])));
  const shown = (value: string) =>
    value === '' ? (
      <Text span size="sm" fs="italic">
        {t('conflict.empty')}
      </Text>
    ) : (
      <Text span size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
        {value}
      </Text>
    );

  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconGitCompare aria-hidden />}
      // orange text on the light orange background is below the WCAG contrast ratio (axe)
      title={
        <Text span inherit c="bright">
          {t('conflict.title', { what })}
        </Text>
      }
      role="alert"
      // orange on light orange is under AA contrast: the title takes the text colour
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
    >
      <Stack gap="sm">
        <Text size="sm">
          {fields.length > 0 ? t('conflict.text') : t('conflict.nothingDiffers')}
        </Text>
        {fields.length > 1 && (
          <Group gap="xs">
            <Button size="compact-sm" variant="default" onClick={() => setAll('mine')}>
              {t('conflict.keepAllMine')}
            </Button>
            <Button size="compact-sm" variant="default" onClick={() => setAll('theirs')}>
              {t('conflict.takeAllTheirs')}
            </Button>
          </Group>
        )}
        {fields.map((field) => (
          <Paper key={field.name} p="sm">
            <Stack gap="xs">
              <Text fw={600} size="sm">
                {field.label}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                <div>
                  <Text size="xs" fw={600}>
                    {t('conflict.theirs')}
                  </Text>
                  {shown(field.theirs)}
                </div>
                <div>
                  <Text size="xs" fw={600}>
                    {t('conflict.mine')}
                  </Text>
                  {shown(field.mine)}
                </div>
              </SimpleGrid>
              <SegmentedControl
                size="xs"
                aria-label={t('conflict.choose', { field: field.label })}
                value={choices[field.name] ?? field.initial}
                onChange={(value) =>
                  setChoices((current) => ({ ...current, [field.name]: value as ConflictChoice }))
                }
                data={[
                  { value: 'theirs', label: t('conflict.takeTheirs') },
                  { value: 'mine', label: t('conflict.keepMine') },
                ]}
                style={{ alignSelf: 'flex-start' }}
              />
            </Stack>
          </Paper>
        ))}
        <Group>
          <Button onClick={() => onApply(choices)}>{t('conflict.apply')}</Button>
        </Group>
      </Stack>
    </Alert>
  );
}
