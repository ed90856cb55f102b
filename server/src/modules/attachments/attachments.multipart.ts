import type { Request } from 'express';
import busboy from 'busboy';
import type { Readable } from 'node:stream';
import { AppError, validationError } from '../../http/app-error.ts';

export interface UploadedPart<T> {
  fields: Record<string, string>;
  file: T;
}

const invalid = (path: string, message: string) =>
  validationError([{ path, message, code: 'custom' }]);

export class UploadCutOff extends Error {
  constructor() {
    super('The client hung up before the upload was complete');
  }
}

// Reads a multipart/form-data request with busboy: exactly one part named `file`, handed as a
// stream to `receive` while it arrives (never whole in memory), and a few short text fields.
// The promise settles once `receive` has, so that a failed upload has cleaned up before the
// answer. A client that hangs up half-way fails the file's stream with UploadCutOff.
export function readUpload<T>(
  req: Request,
  receive: (content: Readable, filename: string) => Promise<T>,
  // undoes `receive` when the request fails after the file was received
  discard: (file: T) => Promise<void>,
): Promise<UploadedPart<T>> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fields: 10, fieldSize: 8 * 1024, parts: 11 },
      });
    } catch {
      reject(invalid('body', 'Send the file as multipart/form-data, in a part named file'));
      return;
    }
    const fields: Record<string, string> = {};
    let receiving: Promise<T> | undefined;
    let current: Readable | undefined;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      // a file still arriving would wait for bytes that no longer come: it fails and cleans up
      current?.destroy(error instanceof Error ? error : new Error(String(error)));
      req.unpipe(parser);
      // the rest of the body is read and dropped, so that the client gets the answer
      req.resume();
      // the file's handler settles first, and a file it kept is discarded, before the answer
      const undone = receiving ? receiving.then(discard, () => {}) : Promise.resolve();
      void undone.catch(() => {}).then(() => reject(error));
    };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(invalid(`body.${name}`, 'Too long'));
      else fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || receiving) {
        stream.resume();
        fail(invalid(`body.${name}`, 'Send one file, in a part named file'));
        return;
      }
      current = stream;
      receiving = receive(stream, info.filename ?? '');
      receiving.catch(fail);
    });
    for (const limit of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const) {
      parser.on(limit, () => fail(invalid('body', 'Send one file and a few fields')));
    }
    parser.on('error', (error) =>
      fail(error instanceof AppError ? error : invalid('body', 'The multipart body is malformed')),
    );
    parser.on('close', () => {
      if (!receiving) {
        fail(invalid('body.file', 'Required'));
        return;
      }
      receiving.then((file) => {
        if (settled) return;
        settled = true;
        resolve({ fields, file });
      }, fail);
    });
    req.on('close', () => {
      if (req.complete) return;
      current?.destroy(new UploadCutOff());
      fail(new UploadCutOff());
    });
    req.pipe(parser);
  });
}
