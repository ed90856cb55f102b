import { describe, expect, it } from 'vitest';
import { filenameFromDisposition } from './download.ts';

describe('filenameFromDisposition', () => {
  it('when the server names the file in quotes, then that name is used', () => {
    expect(
      filenameFromDisposition('attachment; filename="vigil-case-summary-2026-12-02.csv"'),
    ).toBe('vigil-case-summary-2026-12-02.csv');
    expect(filenameFromDisposition('attachment; filename="a \\"quoted\\" name.pdf"')).toBe(
      'a "quoted" name.pdf',
    );
  });

  it('when it also gives a UTF-8 name, then that one wins; an unquoted name is read too', () => {
    expect(
      filenameFromDisposition(
        'attachment; filename="statement.docx"; filename*=UTF-8\'\'%E1%9E%80-statement.docx',
      ),
    ).toBe('ក-statement.docx');
    expect(filenameFromDisposition('attachment; filename=summary.xlsx')).toBe('summary.xlsx');
  });

  it('when there is no header or no name, then there is no name', () => {
    expect(filenameFromDisposition(null)).toBeUndefined();
    expect(filenameFromDisposition('attachment')).toBeUndefined();
  });
});
