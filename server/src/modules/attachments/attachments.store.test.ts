import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.ts';
import { loadDataKey } from '../../security/data-key.ts';
import { plainChunkSize } from '../../security/chunked-cipher.ts';
import { createS3Store } from './attachments.s3-store.ts';
import { createDiskStore, encryptedStore, type AttachmentStore } from './attachments.store.ts';

let dir: string;
const key = randomBytes(32);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-store-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

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

// Each backend as the tests see it: the store, and its raw objects (what an attacker with the
// disk or the bucket has).
interface Backend {
  store: () => AttachmentStore;
  keys: () => Promise<string[]>;
  read: (name: string) => Promise<Buffer>;
  write: (name: string, bytes: Buffer) => Promise<void>;
}

const disk: Backend = {
  store: () => createDiskStore(dir),
  keys: async () => fs.readdirSync(dir).sort(),
  read: async (name) => fs.readFileSync(path.join(dir, name)),
  write: async (name, bytes) => fs.writeFileSync(path.join(dir, name), bytes),
};

// s3rver in this process, on a free loopback port, its bucket in the test's folder
const bucket = 'vigil-attachments';
let s3rver: S3rver | undefined;
let s3: S3Client;
beforeAll(async () => {
  s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-s3-')),
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await s3rver.run();
  s3 = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
});
afterAll(async () => {
  s3.destroy();
  await s3rver?.close();
});

// each test gets its own prefix of the bucket, as the disk store gets its own folder
const objectStore: Backend = {
  store: () => createS3Store(s3, bucket, `${path.basename(dir)}/`),
  keys: async () => {
    const listed = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: `${path.basename(dir)}/` }),
    );
    return (listed.Contents ?? []).map((object) => object.Key!.split('/')[1]!).sort();
  },
  read: async (name) => buffer(await createS3Store(s3, bucket, `${path.basename(dir)}/`).get(name)),
  write: (name, bytes) =>
    createS3Store(s3, bucket, `${path.basename(dir)}/`).put(name, Readable.from([bytes])),
};

describe.each([
  ['the local disk', disk],
  ['an S3-compatible object store', objectStore],
])('the encrypted store on %s', (_where, backend) => {
  const store = () => encryptedStore(backend.store(), key);

  for (const size of [
    0,
    1,
    plainChunkSize - 1,
    plainChunkSize,
    plainChunkSize + 1,
    3 * plainChunkSize + 5,
  ]) {
    it(`when a ${size}-byte file is put and read back, then the bytes are the same and the store holds none of them in the clear`, async () => {
      const plain = randomBytes(size);
      await store().put('file-a', Readable.from([plain]));
      expect(sha256(await buffer(await store().get('file-a')))).toBe(sha256(plain));
      const raw = await backend.read('file-a');
      if (size >= 16) expect(raw.includes(plain.subarray(0, 16))).toBe(false);
      expect(await backend.keys()).toEqual(['file-a']);
    });
  }

  it('when a stored file loses its last chunk, then reading it fails rather than giving a shorter file', async () => {
    await store().put('file-b', Readable.from([randomBytes(2 * plainChunkSize + 10)]));
    const whole = await backend.read('file-b');
    await backend.write('file-b', whole.subarray(0, 12 + 2 * (plainChunkSize + 16)));
    await expect(buffer(await store().get('file-b'))).rejects.toThrow(/integrity/);
  });

  it('when one byte of a stored file is changed, then reading it fails', async () => {
    await store().put('file-c', Readable.from([randomBytes(1000)]));
    const altered = await backend.read('file-c');
    altered.writeUInt8(altered.readUInt8(500) ^ 1, 500);
    await backend.write('file-c', altered);
    await expect(buffer(await store().get('file-c'))).rejects.toThrow(/integrity/);
  });

  it('when a file is read with another key, then reading it fails', async () => {
    await store().put('file-d', Readable.from([randomBytes(1000)]));
    const other = encryptedStore(backend.store(), randomBytes(32));
    await expect(buffer(await other.get('file-d'))).rejects.toThrow(/integrity/);
  });

  it('when the stream fails half-way, then nothing is left in the store', async () => {
    await expect(store().put('file-e', failingAfter(100_000))).rejects.toThrow(/hung up/);
    expect(await backend.keys()).toEqual([]);
  });

  it('when a large stream fails after several parts, then nothing is left in the store', async () => {
    const parts = [randomBytes(4 * 1024 * 1024), randomBytes(4 * 1024 * 1024)];
    const stream = new Readable({
      read() {
        const next = parts.shift();
        if (next) this.push(next);
        else this.destroy(new Error('client hung up'));
      },
    });
    await expect(store().put('file-g', stream)).rejects.toThrow(/hung up/);
    expect(await backend.keys()).toEqual([]);
  });

  it('when a file is deleted, then it is gone from the store', async () => {
    await store().put('file-f', Readable.from([Buffer.from('evidence')]));
    await store().delete('file-f');
    expect(await backend.keys()).toEqual([]);
  });

  it('when a key could leave its folder, then the store refuses it', async () => {
    await expect(store().get('../data-key')).rejects.toThrow(/storage key/);
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

  it('when the server starts in production without VIGIL_DATA_KEY, then it stops at once and says why', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(projectRoot, 'server/src/server.ts')],
      {
        env: {
          ...process.env,
          NODE_ENV: 'production',
          VIGIL_DATA_KEY: '',
          DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
          DATA_DIR: dir,
          PORT: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(output).toContain('VIGIL_DATA_KEY is required when NODE_ENV=production');
    expect(fs.existsSync(path.join(dir, 'data-key'))).toBe(false);
  }, 30_000);

  it('when VIGIL_DATA_KEY is not 32 bytes, then start-up fails', () => {
    const short = randomBytes(16).toString('base64');
    expect(() =>
      loadDataKey({ NODE_ENV: 'production', DATA_DIR: dir, VIGIL_DATA_KEY: short }, () => {}),
    ).toThrow(/32 bytes/);
  });
});
