import { Button, Group, Menu, Progress, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDownload, IconX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { CaseSummaryFormat } from '@vigil/shared/schemas/exports';
import { useRef, useState } from 'react';
import { useAppAbility } from '../../lib/ability.ts';
import { apiDownload, type DownloadProgress } from '../../lib/api-client.ts';
import { saveBlob } from '../../lib/download.ts';
import { formatBytes, formatPercent } from '../../lib/format.ts';
import { useCommonText } from '../../lib/i18n.ts';
import { queryString, type QueryValue } from '../../lib/list-params.ts';

export interface ExportDraft {
  label: string;
  // under /api, e.g. `/exports/un-submission/<incident id>`
  path: string;
}

interface ExportMenuProps {
  // what the case summary covers: the incident list's filters, or incidentId, defenderId,
  // advocacyId (API.md, "Exports")
  selection: Record<string, QueryValue>;
  // documents to finish by hand, offered after the case summary's formats
  drafts?: ExportDraft[];
}

// documents first, then data
const formats = [
  'pdf',
  'docx',
  'xlsx',
  'csv',
  'json',
] as const satisfies readonly CaseSummaryFormat[];

function progressText(
  t: ReturnType<typeof useCommonText>['t'],
  progress: DownloadProgress | null,
): string {
  if (!progress) return t('export.preparing');
  const received = formatBytes(progress.received);
  return progress.total === undefined
    ? t('export.received', { received })
    : t('export.receivedOf', {
        received,
        total: formatBytes(progress.total),
        percent: formatPercent(progress.received / progress.total),
      });
}

// The export menu of a list or a record: the case summary in each format, and the record's
// drafts. The file is fetched here rather than by a link, so that the page can show how far it
// is, offer to cancel and say in words why the server refused (a 400 asking to narrow the
// filters); then the browser saves it under the server's file name.
export function ExportMenu({ selection, drafts = [] }: ExportMenuProps) {
  const { t } = useCommonText();
  const ability = useAppAbility();
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  // the case summary alone, or in a ZIP with the copies without metadata of the files it lists
  const [withAttachments, setWithAttachments] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const download = useMutation({
    mutationFn: async (path: string) => {
      controller.current = new AbortController();
      setProgress(null);
      const file = await apiDownload(path, {
        signal: controller.current.signal,
        onProgress: setProgress,
      });
      saveBlob(file.blob, file.filename ?? 'vigil-export');
    },
    onError: (error) => {
      if (controller.current?.signal.aborted) return;
      notifications.show({
        color: 'red',
        title: t('export.failed'),
        message: error.message,
        // a reason to act on (narrow the filters) stays until read
        autoClose: false,
        closeButtonProps: { 'aria-label': t('actions.hide') },
      });
    },
  });

  if (!ability.can('create', 'Export')) return null;

  if (download.isPending) {
    return (
      <Group gap="xs" wrap="nowrap" miw={0}>
        <div style={{ minWidth: 0 }}>
          <Text size="sm" role="status">
            {progressText(t, progress)}
          </Text>
          {progress?.total !== undefined && (
            <Progress
              value={(progress.received / progress.total) * 100}
              size="sm"
              aria-hidden
              mt={4}
            />
          )}
        </div>
        <Button
          variant="default"
          leftSection={<IconX size={16} aria-hidden />}
          onClick={() => controller.current?.abort()}
        >
          {t('export.cancel')}
        </Button>
      </Group>
    );
  }

  const summaryPath = (format: CaseSummaryFormat) =>
    `/exports/case-summary${queryString({
      format,
      ...selection,
      ...(withAttachments && { bundle: 'zip' }),
    })}`;
  return (
    // without Mantine's focus placeholder, a presentational element that axe refuses in a menu
    <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
        >
          {t('export.menu')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown maw="20rem">
        <Menu.Label>{t('export.caseSummary')}</Menu.Label>
        <Menu.CheckboxItem checked={withAttachments} onChange={setWithAttachments}>
          {t('export.withAttachments')}
          <Text span display="block" size="xs" c="dimmed">
            {t('export.withAttachmentsHint')}
          </Text>
        </Menu.CheckboxItem>
        {formats.map((format) => (
          <Menu.Item key={format} onClick={() => download.mutate(summaryPath(format))}>
            {t(`export.formats.${format}`)}
          </Menu.Item>
        ))}
        {drafts.length > 0 && (
          <>
            <Menu.Divider />
            <Menu.Label>{t('export.drafts')}</Menu.Label>
            {drafts.map((draft) => (
              <Menu.Item key={draft.path} onClick={() => download.mutate(draft.path)}>
                {draft.label}
              </Menu.Item>
            ))}
          </>
        )}
        <Menu.Divider />
        <Text size="xs" c="dimmed" px="sm" py={4}>
          {t('export.publicNote')}
        </Text>
      </Menu.Dropdown>
    </Menu>
  );
}
