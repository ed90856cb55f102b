import { Box, Button, Group, Loader, Text } from '@mantine/core';
import { IconCheck, IconCloudOff, IconAlertTriangle, IconSend } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { formatTime, joinAnd } from '../../../../lib/format.ts';
import { useIncidentsText } from '../../i18n/index.ts';
import type { LeftOut } from './form-model.ts';
import classes from './SaveBar.module.css';
import type { SaveStatus } from './use-draft-saving.ts';

function useStatusText(status: SaveStatus, autosave: boolean): string {
  const { t } = useIncidentsText();
  const leftOutText = (leftOut: LeftOut) => {
    const parts = (['acts', 'charges', 'sources'] as const)
      .filter((kind) => leftOut[kind] > 0)
      .map((kind) => t(`form.status.leftOut.${kind}`, { count: leftOut[kind] }));
    return parts.length > 0 ? t('form.status.notSavedRows', { rows: joinAnd(parts) }) : '';
  };
  switch (status.kind) {
    case 'clean':
      return t('form.status.clean');
    case 'saving':
      return t('form.status.saving');
    case 'offline':
      return t('form.status.offline');
    case 'conflict':
      return t('form.status.conflict');
    case 'saved': {
      const saved = t(autosave ? 'form.status.draftSaved' : 'form.status.saved', {
        time: formatTime(status.at),
      });
      const rows = leftOutText(status.leftOut);
      return rows ? `${saved} ${rows}` : saved;
    }
    case 'failed':
      if (status.code === 'UNAUTHENTICATED') return t('form.status.signedOut');
      if (status.code === 'CONFLICT') return t('form.status.conflictUnreadable');
      return t('form.status.failed', { message: status.message });
    case 'unsaved': {
      const { check } = status;
      if (check.ok) {
        const rows = leftOutText(check.leftOut);
        const base = t(autosave ? 'form.status.unsavedAuto' : 'form.status.unsaved');
        return rows ? `${base} ${rows}` : base;
      }
      const parts: string[] = [];
      if (check.missing.length > 0) {
        parts.push(
          t('form.status.add', {
            fields: joinAnd(check.missing.map((field) => t(`form.missing.${field}`))),
          }),
        );
      }
      if (check.invalid.length > 0) {
        parts.push(t('form.status.check', { count: check.invalid.length }));
      }
      return t('form.status.notSavedYet', { what: parts.join('; ') });
    }
  }
}

const icons: Partial<Record<SaveStatus['kind'], ReactNode>> = {
  saving: <Loader size={14} aria-hidden />,
  saved: <IconCheck size={16} aria-hidden />,
  clean: <IconCheck size={16} aria-hidden />,
  offline: <IconCloudOff size={16} aria-hidden />,
  failed: <IconAlertTriangle size={16} aria-hidden />,
  conflict: <IconAlertTriangle size={16} aria-hidden />,
};

// The saving state, always in view, with the form's actions.
export function SaveBar({
  status,
  autosave,
  primary,
  busy,
  onSave,
  onSubmit,
  onResolveConflict,
}: {
  status: SaveStatus;
  // drafts save themselves; other incidents (a manager's edit) only on "Save changes"
  autosave: boolean;
  // "Submit for review" is the primary action when the caller may submit
  primary: 'submit' | 'save';
  busy: boolean;
  onSave: () => void;
  onSubmit: () => void;
  onResolveConflict: () => void;
}) {
  const { t } = useIncidentsText();
  const text = useStatusText(status, autosave);
  const alarming = status.kind === 'failed' || status.kind === 'conflict';
  return (
    <Box className={classes.bar}>
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap={6} wrap="nowrap" miw={0} style={{ flex: '1 1 16rem' }}>
          <Box c={alarming ? 'red.7' : 'dimmed'} style={{ display: 'flex', flexShrink: 0 }}>
            {icons[status.kind]}
          </Box>
          <Text
            size="sm"
            c={alarming ? undefined : 'dimmed'}
            role="status"
            aria-live="polite"
            style={{ overflowWrap: 'anywhere' }}
          >
            {text}
          </Text>
        </Group>
        <Group gap="sm" wrap="wrap" style={{ flex: '1 1 auto', minWidth: 0 }} justify="flex-end">
          {status.kind === 'conflict' && (
            <Button variant="light" color="red" onClick={onResolveConflict}>
              {t('form.conflict.open')}
            </Button>
          )}
          {primary === 'submit' ? (
            <>
              <Button variant="default" onClick={onSave} disabled={busy}>
                {t('form.actions.saveDraft')}
              </Button>
              <Button
                onClick={onSubmit}
                loading={busy}
                leftSection={<IconSend size={16} aria-hidden />}
              >
                {t('form.actions.submit')}
              </Button>
            </>
          ) : (
            <Button onClick={onSave} loading={busy}>
              {autosave ? t('form.actions.saveDraft') : t('form.actions.saveChanges')}
            </Button>
          )}
        </Group>
      </Group>
    </Box>
  );
}
