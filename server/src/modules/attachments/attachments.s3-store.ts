import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { checkedKey, type AttachmentStore } from './attachments.store.ts';

// Attachments in an S3-compatible object store, for servers past one machine (DESIGN.md), under
// `prefix` in the bucket. The upload streams in parts; one whose stream fails is aborted, so no
// object appears under its key.
export function createS3Store(client: S3Client, bucket: string, prefix = ''): AttachmentStore {
  const objectKey = (key: string) => `${prefix}${checkedKey(key)}`;
  return {
    async put(key, content) {
      await new Upload({
        client,
        params: { Bucket: bucket, Key: objectKey(key), Body: content },
      }).done();
    },
    async get(key) {
      const { Body } = await client.send(
        new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }),
      );
      if (!(Body instanceof Readable)) throw new Error(`No content for ${key}`);
      return Body;
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
    },
  };
}
