import { Button, Group, Stack, Text } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useCommonText } from '../../lib/i18n.ts';

interface SensitiveValueProps {
  // the field's name, as the user reads it ("Legal name")
  field: string;
  // what the server sent once asked with include=sensitive; undefined while not asked
  value: ReactNode | undefined;
  // whether the caller's role may read it at all: if not, no button is offered
  canShow: boolean;
  onShow: () => void;
  loading?: boolean;
}

// A sensitive value stays masked until the user asks for it; asking fetches it from the
// server, which records the reading (READ_SENSITIVE). A glance over a shoulder or a screenshot
// of the page shows nothing.
export function SensitiveValue({ field, value, canShow, onShow, loading }: SensitiveValueProps) {
  const { t } = useCommonText();
  if (value !== undefined) {
    return (
      <Stack gap={2}>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {value === null || value === '' ? '—' : value}
        </Text>
      </Stack>
    );
  }
  return (
    <Group gap="xs" wrap="wrap">
      <Text span ff="monospace" c="dimmed" aria-hidden>
        ••••••
      </Text>
      <Text span size="sm" c="dimmed">
        {t('sensitive.masked', { field })}
      </Text>
      {canShow && (
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<IconEye size={14} aria-hidden />}
          onClick={onShow}
          loading={loading}
          aria-label={t('sensitive.show', { field })}
        >
          {t('actions.show')}
        </Button>
      )}
    </Group>
  );
}

// Under a group of revealed values: the viewing was recorded.
export function SensitiveRecordedNote() {
  const { t } = useCommonText();
  return (
    <Text size="xs" c="dimmed">
      {t('sensitive.recorded')}
    </Text>
  );
}
