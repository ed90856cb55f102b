import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { bundleLimits } from '@vigil/shared/schemas/exports';
import { AppError } from '../../http/app-error.ts';
import type { Ctx } from '../../http/request-context.ts';
import { downloadAttachment, type AttachmentSettings } from '../attachments/index.ts';
import {
  pagesOf,
  publicAttachmentsOf,
  type CaseFileStream,
  type PublicAttachment,
} from './case-file.ts';
import { drained } from './drained.ts';

export interface BundledFile extends PublicAttachment {
  // where it lies in the ZIP: attachments/<reference>/<name>
  path: string;
}

// Characters that some system refuses in a file name, and names Windows keeps for devices.
const unsafeCharacters = /[\p{Cc}\\/:*?"<>|]/gu;
const deviceName = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;
const longestName = 120;

export function safeFileName(name: string): string {
  let safe = name.normalize('NFC').replace(unsafeCharacters, '_').trim().replace(/^\.+/, '');
  if (deviceName.test(safe)) safe = `_${safe}`;
  if ([...safe].length > longestName) {
    const dot = safe.lastIndexOf('.');
    const extension = dot > 0 && safe.length - dot <= 10 ? safe.slice(dot) : '';
    safe = [...safe.slice(0, safe.length - extension.length)]
      .slice(0, longestName - extension.length)
      .join('')
      .concat(extension);
  }
  return safe === '' ? 'file' : safe;
}

// Names made unique within their folder, as a file system that ignores case would see them:
// "photo.jpg", "photo (2).jpg".
function uniqueNames() {
  const taken = new Set<string>();
  return (folder: string, name: string) => {
    const safe = safeFileName(name);
    const dot = safe.lastIndexOf('.');
    const [stem, extension] = dot > 0 ? [safe.slice(0, dot), safe.slice(dot)] : [safe, ''];
    for (let count = 1; ; count += 1) {
      const candidate = `${folder}/${count === 1 ? safe : `${stem} (${count})${extension}`}`;
      if (!taken.has(candidate.toLowerCase())) {
        taken.add(candidate.toLowerCase());
        return candidate;
      }
    }
  };
}

function tooLarge(files: number, bytes: number) {
  const mebibytes = (value: number) => `${Math.ceil(value / 1024 ** 2)} MiB`;
  return new AppError(
    'TOO_LARGE',
    `These records have ${files} attachments (${mebibytes(bytes)}); a ZIP holds at most ${bundleLimits.files} files and ${mebibytes(bundleLimits.bytes)}. Narrow the filters, or export without attachments.`,
    { maxFiles: bundleLimits.files, maxBytes: bundleLimits.bytes, files, bytes },
  );
}

// The files the ZIP will hold, exactly those its summary lists: the incidents' (a page at a
// time), then the named defenders' when the format has a part for defenders. Past the limits it
// is refused from the recorded sizes, before a byte is sent.
export async function bundleManifest(
  ctx: Ctx,
  file: CaseFileStream,
  withDefenders: boolean,
): Promise<BundledFile[]> {
  const folderOf = new Map<string, string>();
  const pathOf = uniqueNames();
  const files: BundledFile[] = [];
  let bytes = 0;
  const add = (attachments: PublicAttachment[]) => {
    for (const attachment of attachments) {
      bytes += attachment.size;
      files.push({
        ...attachment,
        path: pathOf(folderOf.get(attachment.entityId)!, attachment.name),
      });
    }
    if (files.length > bundleLimits.files) throw tooLarge(files.length, bytes);
  };
  const folders = uniqueNames();
  file.incidentIds.forEach((id, index) => {
    folderOf.set(id, folders('attachments', file.references[index]!));
  });
  for (const page of pagesOf(file.incidentIds)) {
    add(await publicAttachmentsOf(ctx, 'INCIDENT', page));
  }
  if (withDefenders) {
    const defenders = await file.namedDefenders();
    for (const defender of defenders) {
      folderOf.set(defender.id, folders('attachments/defenders', defender.name));
    }
    for (const page of pagesOf(defenders.map((defender) => defender.id))) {
      add(await publicAttachmentsOf(ctx, 'DEFENDER', page));
    }
  }
  if (bytes > bundleLimits.bytes) throw tooLarge(files.length, bytes);
  return files;
}

// One entry of the ZIP as a stream to write to: each chunk goes on to the response at once,
// and the writer waits while the reader is slower, so that nothing piles up in memory.
function entryWriter(
  entry: ZipPassThrough | ZipDeflate,
  out: Writable,
  hash?: ReturnType<typeof createHash>,
) {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      hash?.update(chunk);
      entry.push(chunk);
      drained(out).then(() => callback(), callback);
    },
    final(callback) {
      entry.push(new Uint8Array(0), true);
      drained(out).then(() => callback(), callback);
    },
  });
}

export interface BundleContent {
  // the summary's own file name, and whether it gains from compression (text)
  summaryName: string;
  compressSummary: boolean;
  renderSummary: (out: Writable) => Promise<void>;
  files: BundledFile[];
  generatedAt: Date;
}

// The ZIP, streamed: the summary, then each file's copy without metadata read through the
// attachment module's download (checked against its recorded hash on the way: an altered file
// fails the ZIP rather than ship in it, and is audited), then SHA256SUMS over all of them.
export async function writeBundle(
  ctx: Ctx,
  settings: AttachmentSettings,
  bundle: BundleContent,
  out: Writable,
) {
  const failure: { error?: Error } = {};
  const zip = new Zip((error, data, final) => {
    if (error) {
      failure.error = error;
      return;
    }
    // a reader who left ends the ZIP at its next wait for them (drained)
    if (out.destroyed) return;
    out.write(data);
    if (final) out.end();
  });
  const add = <T extends ZipPassThrough | ZipDeflate>(entry: T) => {
    entry.mtime = bundle.generatedAt;
    zip.add(entry);
    return entry;
  };
  const sums: string[] = [];

  const summaryHash = createHash('sha256');
  const summary = entryWriter(
    add(
      bundle.compressSummary
        ? new ZipDeflate(bundle.summaryName, { level: 6 })
        : new ZipPassThrough(bundle.summaryName),
    ),
    out,
    summaryHash,
  );
  await bundle.renderSummary(summary);
  await finished(summary);
  sums.push(`${summaryHash.digest('hex')}  ${bundle.summaryName}`);

  for (const file of bundle.files) {
    const download = await downloadAttachment(ctx, settings.store, file.id, { variant: 'clean' });
    await pipeline(
      download.content,
      download.verifier,
      entryWriter(add(new ZipPassThrough(file.path)), out),
    );
    sums.push(`${file.sha256}  ${file.path}`);
  }

  const checksums = add(new ZipDeflate('SHA256SUMS', { level: 6 }));
  checksums.push(strToU8(`${sums.join('\n')}\n`), true);
  zip.end();
  if (failure.error) throw failure.error;
  await finished(out);
}
