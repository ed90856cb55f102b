import { Button, Code, Group, PasswordInput, Stack, Stepper, Text, TextInput } from '@mantine/core';
import {
  twoFactorEnableInput,
  twoFactorSetupInput,
  type TwoFactorSetupOutput,
} from '@vigil/shared/schemas/auth';
import { QRCodeSVG } from 'qrcode.react';
import { useState } from 'react';
import { useEnableTwoFactor } from '../api/enable-two-factor.ts';
import { useSetUpTwoFactor } from '../api/set-up-two-factor.ts';
import { useAuthText } from '../i18n/index.ts';
import { RecoveryCodes } from './RecoveryCodes.tsx';
import { useTwoFactorForm } from './use-two-factor-form.tsx';

// The key in groups of four, as authenticator apps ask for it typed
const inGroups = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

function PasswordStep({ onSetUp }: { onSetUp: (setup: TwoFactorSetupOutput) => void }) {
  const { t } = useAuthText();
  const setUp = useSetUpTwoFactor();
  const { register, errors, isSubmitting, onSubmit, alert } = useTwoFactorForm(
    twoFactorSetupInput,
    { password: '' },
    async (values) => onSetUp(await setUp.mutateAsync(values)),
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={420}>
        {alert}
        <PasswordInput
          label={t('twoFactor.password')}
          description={t('twoFactor.passwordHint')}
          autoComplete="current-password"
          required
          error={errors.password?.message}
          {...register('password')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={isSubmitting}>
            {t('twoFactor.start')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ScanStep({
  setup,
  onEnabled,
}: {
  setup: TwoFactorSetupOutput;
  onEnabled: (codes: string[]) => void;
}) {
  const { t } = useAuthText();
  const enable = useEnableTwoFactor();
  const { register, errors, isSubmitting, onSubmit, alert } = useTwoFactorForm(
    twoFactorEnableInput,
    { code: '' },
    async (values) => onEnabled((await enable.mutateAsync(values)).recoveryCodes),
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {alert}
        <Text>{t('twoFactor.scanHint')}</Text>
        <Group align="flex-start" gap="xl">
          <QRCodeSVG
            value={setup.otpauthUri}
            size={200}
            marginSize={4}
            bgColor="#ffffff"
            fgColor="#000000"
            role="img"
            aria-label={t('twoFactor.qrLabel')}
          />
          <Stack gap="xs" maw={360}>
            <Text size="sm">{t('twoFactor.manualHint')}</Text>
            <Code fz="md" data-testid="two-factor-secret">
              {inGroups(setup.secret)}
            </Code>
            <TextInput
              mt="md"
              label={t('twoFactor.code')}
              description={t('twoFactor.codeHint')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
              error={errors.code?.message}
              {...register('code')}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={isSubmitting}>
                {t('twoFactor.enable')}
              </Button>
            </Group>
          </Stack>
        </Group>
      </Stack>
    </form>
  );
}

// Password, then the secret into the app and a first code back, then the recovery codes.
export function TwoFactorEnrolment({
  email,
  onFinished,
}: {
  email: string;
  onFinished: () => void;
}) {
  const { t } = useAuthText();
  const [setup, setSetup] = useState<TwoFactorSetupOutput | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const active = codes ? 2 : setup ? 1 : 0;
  return (
    <Stepper active={active} allowNextStepsSelect={false} size="sm">
      <Stepper.Step label={t('twoFactor.stepPassword')}>
        <PasswordStep onSetUp={setSetup} />
      </Stepper.Step>
      <Stepper.Step label={t('twoFactor.stepScan')}>
        {setup && <ScanStep setup={setup} onEnabled={setCodes} />}
      </Stepper.Step>
      <Stepper.Step label={t('twoFactor.stepCodes')}>
        {codes && <RecoveryCodes codes={codes} email={email} onDone={onFinished} />}
      </Stepper.Step>
    </Stepper>
  );
}
