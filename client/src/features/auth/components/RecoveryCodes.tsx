import {
  Button,
  Checkbox,
  CopyButton,
  Group,
  List,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconCopy, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { saveBlob } from '../../../lib/download.ts';
import { useAuthText } from '../i18n/index.ts';

interface RecoveryCodesProps {
  codes: string[];
  email: string;
  onDone: () => void;
}

// The recovery codes, shown once: copied or downloaded, then confirmed as saved.
export function RecoveryCodes({ codes, email, onDone }: RecoveryCodesProps) {
  const { t } = useAuthText();
  const [saved, setSaved] = useState(false);
  const asText = codes.join('\n');
  const download = () =>
    saveBlob(
      new Blob(
        [`${t('twoFactor.fileHeading', { email })}\n${t('twoFactor.fileHint')}\n\n${asText}\n`],
        { type: 'text/plain;charset=utf-8' },
      ),
      'vigil-recovery-codes.txt',
    );

  return (
    <Stack>
      <Title order={2} size="h3">
        {t('twoFactor.codesTitle')}
      </Title>
      <Text>{t('twoFactor.codesHint')}</Text>
      <Paper withBorder p="md" aria-label={t('twoFactor.codesTitle')} component="section">
        <List listStyleType="none" ff="monospace" fz="lg" spacing={4}>
          {codes.map((code) => (
            <List.Item key={code}>{code}</List.Item>
          ))}
        </List>
      </Paper>
      <Group>
        <CopyButton value={asText}>
          {({ copied, copy }) => (
            <Button
              variant="default"
              leftSection={<IconCopy size={16} aria-hidden />}
              onClick={copy}
            >
              {copied ? t('twoFactor.copied') : t('twoFactor.copy')}
            </Button>
          )}
        </CopyButton>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          onClick={download}
        >
          {t('twoFactor.download')}
        </Button>
      </Group>
      <Checkbox
        label={t('twoFactor.saved')}
        checked={saved}
        onChange={(event) => setSaved(event.currentTarget.checked)}
      />
      <Group justify="flex-end">
        <Button disabled={!saved} onClick={onDone}>
          {t('twoFactor.done')}
        </Button>
      </Group>
    </Stack>
  );
}
