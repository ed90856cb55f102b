import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { UserOutput } from '@vigil/shared/schemas/users';
import { useCallback, useState } from 'react';
import { useResetPassword } from '../api/reset-password.ts';
import { useUsersText } from '../i18n/index.ts';
import { generatePassword } from '../utils/password.ts';

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

// An admin's reset, held by the page rather than by a row of the list (which a change of width
// draws again as a card): the new password is made here, sent, and handed over once.
export function usePasswordReset() {
  const { t } = useUsersText();
  const { mutate } = useResetPassword();
  const [handOver, setHandOver] = useState<Created | null>(null);
  const close = () => setHandOver(null);

  const start = useCallback(
    (user: UserOutput) => {
      const password = generatePassword();
      mutate(
        { id: user.id, password },
        {
          onSuccess: () => setHandOver({ name: user.name, password }),
          onError: (error) =>
            notifications.show({
              closeButtonProps: { 'aria-label': t('form.close') },
              color: 'red',
              message: t('form.failed', { message: error.message }),
            }),
        },
      );
    },
    [mutate, t],
  );

  const modal = (
    <Modal
      opened={handOver !== null}
      onClose={close}
      title={handOver ? t('reset.handOverTitle', { name: handOver.name }) : undefined}
      size="lg"
      // the password must not vanish on a stray click beside the dialog
      closeOnClickOutside={false}
      closeButtonProps={{ 'aria-label': t('form.close') }}
    >
      {handOver && <PasswordHandOver created={handOver} onDone={close} />}
    </Modal>
  );
  return { start, modal };
}
