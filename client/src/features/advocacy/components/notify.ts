import { notifications } from '@mantine/notifications';
import { i18n } from '../../../lib/i18n.ts';

// A message in the corner of the screen, whose close button is named (axe: button-name).
export function notify(options: { message: string; title?: string; color?: string }) {
  notifications.show({
    ...options,
    closeButtonProps: { 'aria-label': i18n.t('notice.close', { ns: 'advocacy' }) },
  });
}
