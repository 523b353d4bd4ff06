import { describe, expect, it } from '@jest/globals';
import {
  contentDisposition,
  contentMatches,
  mediaType,
  safeFileName,
  sniff,
  typeAllowed,
} from './file-types.js';

const bytes = (...b: (number | string)[]) =>
  Buffer.concat(
    b.map((x) => (typeof x === 'string' ? Buffer.from(x, 'latin1') : Buffer.from([x]))),
  );

describe('file types', () => {
  it('reads the media type without parameters and matches wildcards', () => {
    expect(mediaType(' Text/CSV; charset=utf-8')).toBe('text/csv');
    expect(typeAllowed('image/heic', ['image/*'])).toBe(true);
    expect(typeAllowed('image/png', ['application/pdf'])).toBe(false);
    expect(typeAllowed('', ['*/*'])).toBe(false);
  });

  it('sniffs images, PDF, zip, Office and executables from the first bytes', () => {
    expect(sniff(bytes(0x89, 'PNG\r\n', 0x1a, '\n'))).toBe('png');
    expect(sniff(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
    expect(sniff(bytes('GIF89a'))).toBe('gif');
    expect(sniff(bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '))).toBe('webp');
    expect(sniff(bytes('%PDF-1.7'))).toBe('pdf');
    expect(sniff(bytes('PK', 3, 4))).toBe('zip');
    expect(sniff(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toBe('ole');
    expect(sniff(bytes('MZ', 0x90, 0))).toBe('executable');
    expect(sniff(bytes(0x7f, 'ELF'))).toBe('executable');
    expect(sniff(bytes('#!/bin/sh\nrm -rf /'))).toBe('executable');
    expect(sniff(Buffer.from('订单号,金额\n1,2\n'))).toBe('text');
    expect(sniff(bytes('abc', 0, 'def'))).toBe('binary');
  });

  it('admits content only when it is what the declared type says, and never an executable', () => {
    expect(contentMatches('image/png', 'png')).toBe(true);
    expect(contentMatches('image/png', 'executable')).toBe(false);
    expect(contentMatches('image/png', 'text')).toBe(false);
    expect(
      contentMatches('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'zip'),
    ).toBe(true);
    expect(contentMatches('application/vnd.ms-excel', 'text')).toBe(true);
    expect(contentMatches('text/plain', 'executable')).toBe(false);
    expect(contentMatches('video/mp4', 'binary')).toBe(true);
    expect(contentMatches('video/mp4', 'executable')).toBe(false);
  });

  it('keeps any script in a name and strips paths, controls and bidi overrides', () => {
    expect(safeFileName('C:\\Users\\王\\发票 2026.pdf')).toBe('发票 2026.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('photo\u202Egnp.exe')).toBe('photognp.exe');
    expect(safeFileName('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(safeFileName('..')).toBe('file');
    expect(safeFileName('')).toBe('file');
    const long = safeFileName(`${'长'.repeat(300)}.docx`);
    expect([...long]).toHaveLength(200);
    expect(long.endsWith('.docx')).toBe(true);
  });

  it('sends any name as an RFC 5987 filename*', () => {
    expect(contentDisposition("报销 (1)'s.png")).toBe(
      `attachment; filename*=UTF-8''%E6%8A%A5%E9%94%80%20%281%29%27s.png`,
    );
  });
});
