import { describe, expect, it } from 'vitest';
import { safeFileName } from './case-summary.zip.ts';

describe('safeFileName', () => {
  it.each([
    ['court: "ruling"?.pdf', 'court_ _ruling__.pdf'],
    ['../../etc/passwd', '_.._etc_passwd'],
    ['..hidden.txt', 'hidden.txt'],
    ['CON.txt', '_CON.txt'],
    ['lpt1', '_lpt1'],
    ['tab\there.txt', 'tab_here.txt'],
    ['...', 'file'],
    ['ដីកាកោះ.pdf', 'ដីកាកោះ.pdf'],
    ['Phạm Đoan Trang.jpg'.normalize('NFD'), 'Phạm Đoan Trang.jpg'.normalize('NFC')],
  ])(
    'when a file is named %j, then the ZIP names it %j, which any system accepts',
    (name, safe) => {
      expect(safeFileName(name)).toBe(safe);
    },
  );

  it('when a name is longer than 120 characters, then it is cut before its extension', () => {
    const safe = safeFileName(`${'ស'.repeat(300)}.pdf`);
    expect([...safe]).toHaveLength(120);
    expect(safe.endsWith('ស.pdf')).toBe(true);
  });
});
