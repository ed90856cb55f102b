import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { CaseFileStream } from './case-file.ts';
import { drained } from './drained.ts';

async function write(out: Writable, text: string) {
  out.write(text);
  await drained(out);
}

async function writeList<T>(out: Writable, pages: AsyncGenerator<T[]>) {
  await write(out, '[');
  let first = true;
  for await (const page of pages) {
    for (const item of page) {
      await write(out, `${first ? '' : ','}${JSON.stringify(item)}`);
      first = false;
    }
  }
  await write(out, ']');
}

// The case file as caseSummaryJson describes it, written item by item as the pages are read.
export async function renderCaseSummaryJson(file: CaseFileStream, out: Writable) {
  const { title, generatedAt, scope, omitted } = file.head;
  const opening = JSON.stringify({ title, generatedAt, scope });
  await write(out, `${opening.slice(0, -1)},"incidents":`);
  await writeList(out, file.incidents());
  await write(out, ',"defenders":');
  await writeList(out, file.defenders());
  out.end(`,"omitted":${JSON.stringify(omitted)}}`);
  await finished(out);
}
