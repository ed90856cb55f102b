import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { decryptStream, encryptStream } from '../../security/chunked-cipher.ts';

// Where attachments' bytes live: the local disk by default, an object store past one machine.
export interface AttachmentStore {
  // resolves once the whole stream is stored; a stream that fails leaves nothing under `key`
  put(key: string, content: Readable): Promise<void>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}

// Keys are made by the server (uuid and a variant), never taken from a request: this refuses
// anything that could reach outside the store's folder all the same.
const safeKey = /^[a-z0-9][a-z0-9.-]{0,127}$/;
export function checkedKey(key: string): string {
  if (!safeKey.test(key)) throw new Error(`Not a storage key: ${key}`);
  return key;
}

// Files in one folder, each written under a temporary name and renamed once complete, so that
// a reader never meets half a file and a failed upload leaves only a temporary file, removed.
export function createDiskStore(dir: string): AttachmentStore {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fileOf = (key: string) => path.join(dir, checkedKey(key));
  return {
    async put(key, content) {
      const target = fileOf(key);
      const temporary = `${target}.${randomBytes(6).toString('hex')}.partial`;
      try {
        await pipeline(content, fs.createWriteStream(temporary, { flags: 'wx', mode: 0o600 }));
        await fs.promises.rename(temporary, target);
      } catch (error) {
        await fs.promises.rm(temporary, { force: true });
        throw error;
      }
    },
    async get(key) {
      const handle = await fs.promises.open(fileOf(key), 'r');
      return handle.createReadStream();
    },
    async delete(key) {
      await fs.promises.rm(fileOf(key), { force: true });
    },
  };
}

// The same store, its content encrypted at rest with the data key (security/chunked-cipher);
// given the key ring, files sealed under a previous key still open.
export function encryptedStore(
  store: AttachmentStore,
  keys: Buffer | readonly Buffer[],
): AttachmentStore {
  const [current] = Buffer.isBuffer(keys) ? [keys] : keys;
  return {
    async put(storageKey, content) {
      const sealed = encryptStream(current!);
      // both settle before the answer, so that a failed put has removed its partial file
      const outcomes = await Promise.allSettled([
        pipeline(content, sealed),
        store.put(storageKey, sealed),
      ]);
      const failure = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failure) throw failure.reason;
    },
    async get(storageKey) {
      const sealed = await store.get(storageKey);
      const plain = decryptStream(keys);
      sealed.on('error', (error) => plain.destroy(error));
      return sealed.pipe(plain);
    },
    delete: (storageKey) => store.delete(storageKey),
  };
}
