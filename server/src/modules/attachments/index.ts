import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../../config.ts';
import { loadKeyRing } from '../../security/data-key.ts';
import { createS3Store } from './attachments.s3-store.ts';
import type { AttachmentSettings } from './attachments.service.ts';
import { createDiskStore, encryptedStore, type AttachmentStore } from './attachments.store.ts';

export type { AttachmentSettings } from './attachments.service.ts';
// a file's bytes as its download reads them (checked against the recorded hash, audited), for
// the exports that bundle files
export { downloadAttachment } from './attachments.service.ts';
export {
  advocacyAttachmentRoutes,
  attachmentRoutes,
  defenderAttachmentRoutes,
  incidentAttachmentRoutes,
} from './attachments.routes.ts';

type AttachmentConfig = Pick<
  Config,
  | 'NODE_ENV'
  | 'DATA_DIR'
  | 'VIGIL_DATA_KEY'
  | 'VIGIL_PREVIOUS_DATA_KEYS'
  | 'ATTACHMENT_MAX_BYTES'
  | 'ATTACHMENT_S3_BUCKET'
  | 'ATTACHMENT_S3_ENDPOINT'
  | 'ATTACHMENT_S3_REGION'
>;

function storeOf(config: AttachmentConfig, log: (message: string) => void): AttachmentStore {
  const bucket = config.ATTACHMENT_S3_BUCKET;
  if (bucket) {
    log(`attachments are stored encrypted in the bucket ${bucket}`);
    const client = new S3Client({
      region: config.ATTACHMENT_S3_REGION,
      ...(config.ATTACHMENT_S3_ENDPOINT
        ? { endpoint: config.ATTACHMENT_S3_ENDPOINT, forcePathStyle: true }
        : {}),
    });
    return createS3Store(client, bucket);
  }
  // in DATA_DIR, apart from the served client files
  const dir = path.join(config.DATA_DIR, 'attachments');
  log(`attachments are stored encrypted in ${dir}`);
  return createDiskStore(dir);
}

// Attachments on the local disk in DATA_DIR/attachments, or in an S3 bucket when one is
// configured, encrypted with the data key either way; files sealed under a previous key of the
// ring still open (a key rotation does not re-encrypt files).
export function configuredAttachments(
  config: AttachmentConfig,
  log: (message: string) => void,
): AttachmentSettings {
  return {
    store: encryptedStore(storeOf(config, log), loadKeyRing(config, log)),
    maxBytes: config.ATTACHMENT_MAX_BYTES,
  };
}
