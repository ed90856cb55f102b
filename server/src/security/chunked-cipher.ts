import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

// AES-256-GCM over a stream, in chunks of 64 KiB of plaintext, so that memory stays flat
// whatever the file's size. Layout: a header (magic + 8-byte random prefix), then for each
// chunk its ciphertext and 16-byte tag. Each chunk's nonce is the prefix and its counter; its
// associated data says whether it is the last one, so that a file cut at a chunk boundary, or
// chunks reordered or dropped, fail authentication.
const magic = Buffer.from('VGC1');
const prefixLength = 8;
const headerLength = magic.length + prefixLength;
const tagLength = 16;
export const plainChunkSize = 64 * 1024;
const sealedChunkSize = plainChunkSize + tagLength;

function nonceOf(prefix: Buffer, counter: number): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(counter, prefixLength);
  return nonce;
}

const finalFlag = (final: boolean) => Buffer.from([final ? 1 : 0]);

// The chunks waiting in `pending` are only sealed once more data shows they are not the last.
export function encryptStream(key: Buffer): Transform {
  const prefix = randomBytes(prefixLength);
  let counter = 0;
  let pending = Buffer.alloc(0);
  const seal = (plain: Buffer, final: boolean): Buffer => {
    const cipher = createCipheriv('aes-256-gcm', key, nonceOf(prefix, counter));
    counter += 1;
    cipher.setAAD(finalFlag(final));
    const sealed = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return sealed;
  };
  return new Transform({
    construct(callback) {
      this.push(Buffer.concat([magic, prefix]));
      callback();
    },
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length > plainChunkSize) {
        this.push(seal(pending.subarray(0, plainChunkSize), false));
        pending = pending.subarray(plainChunkSize);
      }
      callback();
    },
    flush(callback: TransformCallback) {
      this.push(seal(pending, true));
      callback();
    },
  });
}

export class TamperedError extends Error {
  constructor(message = 'The stored file fails its integrity check') {
    super(message);
    this.name = 'TamperedError';
  }
}

// `keys`: the key ring (current first, then previous ones): the first chunk tells which key
// sealed the stream, since only that one authenticates it; the others must then open with it.
export function decryptStream(keys: Buffer | readonly Buffer[]): Transform {
  let candidates = Buffer.isBuffer(keys) ? [keys] : [...keys];
  let prefix: Buffer | undefined;
  let counter = 0;
  let pending = Buffer.alloc(0);
  const openWith = (key: Buffer, sealed: Buffer, final: boolean): Buffer | undefined => {
    const decipher = createDecipheriv('aes-256-gcm', key, nonceOf(prefix!, counter));
    decipher.setAAD(finalFlag(final));
    decipher.setAuthTag(sealed.subarray(sealed.length - tagLength));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(0, -tagLength)), decipher.final()]);
    } catch {
      return undefined;
    }
  };
  const open = (sealed: Buffer, final: boolean): Buffer => {
    if (!prefix || sealed.length < tagLength) throw new TamperedError();
    for (const key of candidates) {
      const plain = openWith(key, sealed, final);
      if (plain) {
        candidates = [key];
        counter += 1;
        return plain;
      }
    }
    throw new TamperedError();
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      pending = Buffer.concat([pending, chunk]);
      try {
        if (!prefix) {
          if (pending.length < headerLength) return callback();
          if (!pending.subarray(0, magic.length).equals(magic)) throw new TamperedError();
          prefix = Buffer.from(pending.subarray(magic.length, headerLength));
          pending = pending.subarray(headerLength);
        }
        // a full chunk is the last one only if nothing follows it, which the flush decides
        while (pending.length > sealedChunkSize) {
          this.push(open(pending.subarray(0, sealedChunkSize), false));
          pending = pending.subarray(sealedChunkSize);
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        this.push(open(pending, true));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}
