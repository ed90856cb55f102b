import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDataKey } from '../../security/data-key.ts';
import { plainChunkSize } from '../../security/chunked-cipher.ts';
import { createDiskStore, encryptedStore, type AttachmentStore } from './attachments.store.ts';

let dir: string;
let store: AttachmentStore;
const key = randomBytes(32);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-store-'));
  store = encryptedStore(createDiskStore(dir), key);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const stored = (name: string) => fs.readFileSync(path.join(dir, name));

// a stream that fails after `bytes`, as a client hanging up half-way does
function failingAfter(bytes: number) {
  let sent = false;
  return new Readable({
    read() {
      if (sent) this.destroy(new Error('client hung up'));
      else this.push(randomBytes(bytes));
      sent = true;
    },
  });
}

describe('the encrypted disk store', () => {
  for (const size of [
    0,
    1,
    plainChunkSize - 1,
    plainChunkSize,
    plainChunkSize + 1,
    3 * plainChunkSize + 5,
  ]) {
    it(`when a ${size}-byte file is put and read back, then the bytes are the same and the disk holds none of them in the clear`, async () => {
      const plain = randomBytes(size);
      await store.put('file-a', Readable.from([plain]));
      expect(sha256(await buffer(await store.get('file-a')))).toBe(sha256(plain));
      const onDisk = stored('file-a');
      if (size >= 16) expect(onDisk.includes(plain.subarray(0, 16))).toBe(false);
      expect(fs.readdirSync(dir)).toEqual(['file-a']);
    });
  }

  it('when a stored file loses its last chunk, then reading it fails rather than giving a shorter file', async () => {
    await store.put('file-b', Readable.from([randomBytes(2 * plainChunkSize + 10)]));
    const whole = stored('file-b');
    fs.writeFileSync(path.join(dir, 'file-b'), whole.subarray(0, 12 + 2 * (plainChunkSize + 16)));
    await expect(buffer(await store.get('file-b'))).rejects.toThrow(/integrity/);
  });

  it('when one byte of a stored file is changed, then reading it fails', async () => {
    await store.put('file-c', Readable.from([randomBytes(1000)]));
    const altered = stored('file-c');
    altered.writeUInt8(altered.readUInt8(500) ^ 1, 500);
    fs.writeFileSync(path.join(dir, 'file-c'), altered);
    await expect(buffer(await store.get('file-c'))).rejects.toThrow(/integrity/);
  });

  it('when a file is read with another key, then reading it fails', async () => {
    await store.put('file-d', Readable.from([randomBytes(1000)]));
    const other = encryptedStore(createDiskStore(dir), randomBytes(32));
    await expect(buffer(await other.get('file-d'))).rejects.toThrow(/integrity/);
  });

  it('when the stream fails half-way, then nothing is left in the folder', async () => {
    await expect(store.put('file-e', failingAfter(100_000))).rejects.toThrow(/hung up/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('when a file is deleted, then it is gone from the disk', async () => {
    await store.put('file-f', Readable.from([Buffer.from('evidence')]));
    await store.delete('file-f');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('when a key could leave the folder, then the store refuses it', async () => {
    await expect(store.get('../data-key')).rejects.toThrow(/storage key/);
  });
});

describe('the data key', () => {
  it('when VIGIL_DATA_KEY is unset outside production, then a key is made once, readable by its owner only', () => {
    const messages: string[] = [];
    const settings = { NODE_ENV: 'development' as const, DATA_DIR: dir };
    const first = loadDataKey(settings, (m) => messages.push(m));
    const again = loadDataKey(settings, (m) => messages.push(m));
    expect(first.equals(again)).toBe(true);
    expect(first).toHaveLength(32);
    expect(fs.statSync(path.join(dir, 'data-key')).mode & 0o777).toBe(0o600);
    expect(messages[0]).toMatch(/generated a data key/);
  });

  it('when VIGIL_DATA_KEY is unset in production, then start-up fails', () => {
    expect(() => loadDataKey({ NODE_ENV: 'production', DATA_DIR: dir }, () => {})).toThrow(
      /VIGIL_DATA_KEY is required/,
    );
  });

  it('when VIGIL_DATA_KEY is not 32 bytes, then start-up fails', () => {
    const short = randomBytes(16).toString('base64');
    expect(() =>
      loadDataKey({ NODE_ENV: 'production', DATA_DIR: dir, VIGIL_DATA_KEY: short }, () => {}),
    ).toThrow(/32 bytes/);
  });
});
