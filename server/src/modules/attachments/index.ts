import path from 'node:path';
import type { Config } from '../../config.ts';
import { loadDataKey } from '../../security/data-key.ts';
import type { AttachmentSettings } from './attachments.service.ts';
import { createDiskStore, encryptedStore } from './attachments.store.ts';

export type { AttachmentSettings } from './attachments.service.ts';
export {
  advocacyAttachmentRoutes,
  attachmentRoutes,
  defenderAttachmentRoutes,
  incidentAttachmentRoutes,
} from './attachments.routes.ts';

// Attachments on the local disk, in DATA_DIR/attachments (apart from the served client files),
// encrypted with the data key.
export function localAttachmentSettings(
  config: Pick<Config, 'NODE_ENV' | 'DATA_DIR' | 'VIGIL_DATA_KEY' | 'ATTACHMENT_MAX_BYTES'>,
  log: (message: string) => void,
): AttachmentSettings {
  const key = loadDataKey(config, log);
  const dir = path.join(config.DATA_DIR, 'attachments');
  log(`attachments are stored encrypted in ${dir}`);
  return {
    store: encryptedStore(createDiskStore(dir), key),
    maxBytes: config.ATTACHMENT_MAX_BYTES,
  };
}
