import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useUsersText } from '../i18n/index.ts';

export interface Created {
  name: string;
  password: string;
}

// A one-time password, made in this browser, shown once: on creating an account and on resetting
// its password. Vigil keeps only its hash.
export function PasswordHandOver({ created, onDone }: { created: Created; onDone: () => void }) {
  const { t } = useUsersText();
  return (
    <Stack>
      <Text size="sm">{t('password.intro', { name: created.name })}</Text>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="one-time-password-label">
          {t('password.label')}
        </Text>
        <Group gap="sm" wrap="wrap">
          <Code
            block
            fz="lg"
            aria-labelledby="one-time-password-label"
            data-testid="one-time-password"
            flex="1 1 16rem"
            style={{ userSelect: 'all', whiteSpace: 'pre-wrap' }}
          >
            {created.password}
          </Code>
          <CopyButton value={created.password}>
            {({ copied, copy }) => (
              <Button
                variant={copied ? 'light' : 'default'}
                color={copied ? 'green' : undefined}
                leftSection={
                  copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
                }
                onClick={copy}
                aria-label={copied ? t('password.copied') : t('password.copy')}
              >
                {copied ? t('password.copied') : t('password.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
      <Alert color="orange" variant="light">
        {t('password.handOver')}
      </Alert>
      <Group justify="flex-end">
        <Button onClick={onDone}>{t('password.done')}</Button>
      </Group>
    </Stack>
  );
}
