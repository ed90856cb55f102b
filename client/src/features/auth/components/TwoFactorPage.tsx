import { Alert, Badge, Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { PageHeader } from '../../../components/ui/PageHeader.tsx';
import { useDisableTwoFactor } from '../api/disable-two-factor.ts';
import { authKeys, useMe } from '../api/get-me.ts';
import { useReplaceRecoveryCodes } from '../api/replace-recovery-codes.ts';
import { useAuthText } from '../i18n/index.ts';
import { ConfirmWithCodeForm } from './ConfirmWithCodeForm.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';
import { TwoFactorEnrolment } from './TwoFactorEnrolment.tsx';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Stack component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

// Two-factor sign-in of the signed-in user: set up, new recovery codes, turned off.
export function TwoFactorPage() {
  const { t } = useAuthText();
  const { data: session } = useMe();
  const queryClient = useQueryClient();
  const replace = useReplaceRecoveryCodes();
  const disable = useDisableTwoFactor();
  // new recovery codes, shown until the user says they saved them
  const [freshCodes, setFreshCodes] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!session) return null;
  const { enabled, required } = session.twoFactor;

  const finishEnrolment = async () => {
    await queryClient.invalidateQueries({ queryKey: authKeys.me() });
    setNotice(t('twoFactor.enabled'));
  };

  return (
    <>
      <PageHeader
        title={t('twoFactor.title')}
        description={t('twoFactor.description')}
        actions={
          <Group gap="xs">
            <Text size="sm">{t('twoFactor.state')}</Text>
            <Badge color={enabled ? 'green' : 'gray'} variant="light" size="lg">
              {enabled ? t('twoFactor.on') : t('twoFactor.off')}
            </Badge>
          </Group>
        }
      />
      <Stack maw={720}>
        {required && !enabled && (
          <Alert color="yellow" role="status">
            {t('twoFactor.required')}
          </Alert>
        )}
        {notice && (
          <Alert color="green" role="status" withCloseButton onClose={() => setNotice(null)}>
            {notice}
          </Alert>
        )}
        {!enabled && (
          <Paper withBorder p="lg">
            <TwoFactorEnrolment email={session.user.email} onFinished={finishEnrolment} />
          </Paper>
        )}
        {enabled && freshCodes && (
          <Paper withBorder p="lg">
            <RecoveryCodes
              codes={freshCodes}
              email={session.user.email}
              onDone={() => setFreshCodes(null)}
            />
          </Paper>
        )}
        {enabled && !freshCodes && (
          <Paper withBorder p="lg">
            <Stack>
              <Text>{t('twoFactor.manageHint')}</Text>
              <Divider />
              <Section id="replace-codes" title={t('twoFactor.replaceTitle')}>
                <Text c="dimmed">{t('twoFactor.replaceHint')}</Text>
                <ConfirmWithCodeForm
                  submitLabel={t('twoFactor.replace')}
                  onConfirm={async (input) => {
                    setNotice(null);
                    setFreshCodes((await replace.mutateAsync(input)).recoveryCodes);
                  }}
                />
              </Section>
              <Divider />
              <Section id="turn-off" title={t('twoFactor.disableTitle')}>
                {required ? (
                  <Text c="dimmed">{t('twoFactor.requiredNoOff')}</Text>
                ) : (
                  <>
                    <Text c="dimmed">{t('twoFactor.disableHint')}</Text>
                    <ConfirmWithCodeForm
                      submitLabel={t('twoFactor.disable')}
                      danger
                      onConfirm={async (input) => {
                        await disable.mutateAsync(input);
                        setNotice(t('twoFactor.disabled'));
                      }}
                    />
                  </>
                )}
              </Section>
            </Stack>
          </Paper>
        )}
      </Stack>
    </>
  );
}
