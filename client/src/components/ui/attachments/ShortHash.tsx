import { ActionIcon, Code, CopyButton, Group, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useCommonText } from '../../../lib/i18n.ts';

// The file's fingerprint: twelve hex digits are enough to tell files apart on screen; the full
// SHA-256, to prove later that the file was not altered, is in the tooltip and the copy button.
export function ShortHash({ sha256, name }: { sha256: string; name: string }) {
  const { t } = useCommonText();
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip label={t('attachments.fullHash', { hash: sha256 })} multiline maw="20rem">
        <Code tabIndex={0}>{sha256.slice(0, 12)}</Code>
      </Tooltip>
      <CopyButton value={sha256}>
        {({ copied, copy }) => (
          <Tooltip
            label={copied ? t('attachments.hashCopied') : t('attachments.copyHash', { name })}
          >
            <ActionIcon
              variant="subtle"
              color={copied ? 'teal' : 'gray'}
              size="sm"
              onClick={copy}
              aria-label={t('attachments.copyHash', { name })}
            >
              {copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
