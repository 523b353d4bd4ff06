import { describe, expect, it } from '@jest/globals';
import { compileForm, validateFormData } from '@baton/forms';
import {
  fileIds,
  fileMetaFrom,
  fileMetaFromHeaders,
  fileNameFromDisposition,
  formatBytes,
  roomFor,
  uploadListOf,
  uploadRefusal,
  withAttachmentWidgets,
  withFile,
  withoutFile,
  type PendingUpload,
} from './attachments';

const A = '6f1c2a4e-8b1d-4c57-9a0e-3d2b1c4e5f60';
const B = '0b7d5e2c-1a3f-4e8d-b6c9-7f2e1d0c9b8a';

/** Headers as fetch gives them, without needing a Response in the test. */
const headers = (h: Record<string, string>) => new Headers(h);

describe('API answer → form value', () => {
  it('takes the id, name, size and type of POST /api/files', () => {
    expect(
      fileMetaFrom(
        { id: A, name: '发票.pdf', size: 2048, contentType: 'application/pdf' },
        'local.pdf',
      ),
    ).toEqual({ id: A, name: '发票.pdf', size: 2048, contentType: 'application/pdf' });
  });

  it('falls back to the local name when the answer has none', () => {
    expect(fileMetaFrom({ id: A }, 'local.pdf')).toEqual({
      id: A,
      name: 'local.pdf',
      size: undefined,
      contentType: undefined,
    });
  });

  it('refuses an answer without an id rather than storing a bad reference', () => {
    expect(() => fileMetaFrom({ name: 'x.pdf' }, 'x.pdf')).toThrow(/no file id/);
    expect(() => fileMetaFrom(undefined, 'x.pdf')).toThrow(/no file id/);
    expect(() => fileMetaFrom({ id: '' }, 'x.pdf')).toThrow(/no file id/);
  });

  it('appends each uploaded id once, keeping the order', () => {
    expect(withFile(undefined, A)).toEqual([A]);
    expect(withFile([A], B)).toEqual([A, B]);
    expect(withFile([A, B], A)).toEqual([A, B]);
  });

  it('removes a file; an emptied required field becomes undefined, an optional one []', () => {
    expect(withoutFile([A, B], A)).toEqual([B]);
    expect(withoutFile([A], A)).toEqual([]);
    expect(withoutFile([A], A, true)).toBeUndefined();
    expect(withoutFile([A, B], 'other', true)).toEqual([A, B]);
  });

  it('reads any stored value as a clean list of ids', () => {
    expect(fileIds(undefined)).toEqual([]);
    expect(fileIds(null)).toEqual([]);
    expect(fileIds(A)).toEqual([A]);
    expect(fileIds([A, 3, '', null, B, A])).toEqual([A, B]);
  });

  it('produces exactly what @baton/forms validates for an attachment field', () => {
    const form = compileForm([
      { key: 'proof', type: 'attachment', label: '凭证', required: true, max: 2 },
    ]);
    const value = withFile(withFile(undefined, A), B);
    expect(validateFormData(form.schema, { proof: value })).toEqual([]);
    // One too many is refused by the same schema; roomFor keeps the widget under it.
    expect(validateFormData(form.schema, { proof: [...value, 'c'] })).not.toEqual([]);
    expect(roomFor(value, [], form.schema.properties?.proof?.maxItems)).toBe(0);
    // A duplicate would break uniqueItems; withFile never writes one.
    expect(validateFormData(form.schema, { proof: withFile(value, A) })).toEqual([]);
    // Removing the last file of the required field leaves it missing.
    const emptied = withoutFile(withoutFile(value, A, true), B, true);
    expect(emptied).toBeUndefined();
    expect(validateFormData(form.schema, {}).map((e) => e.path)).toEqual(['proof']);
  });
});

describe('value → file list', () => {
  const fallback = (i: number) => `附件 ${i}`;

  it('lists stored files in the value order with names, then uploads in flight', () => {
    const pending: PendingUpload[] = [
      { uid: 'u1', name: 'big.zip', status: 'uploading', percent: 40 },
      { uid: 'u2', name: 'run.exe', status: 'error', percent: 0, error: '不支持这种文件类型' },
    ];
    const list = uploadListOf(
      [A, B],
      {
        [A]: { state: 'ok', meta: { id: A, name: '发票.pdf', size: 10, contentType: 'x/y' } },
        [B]: { state: 'loading' },
      },
      pending,
      fallback,
    );
    expect(list.map((f) => [f.uid, f.name, f.status])).toEqual([
      [A, '发票.pdf', 'done'],
      [B, '附件 2', 'done'],
      ['u1', 'big.zip', 'uploading'],
      ['u2', 'run.exe', 'error'],
    ]);
    expect(list[0].size).toBe(10);
    expect(list[2].percent).toBe(40);
    expect(list[3].response).toBe('不支持这种文件类型');
    expect(list[3].error?.message).toBe('不支持这种文件类型');
  });

  it('numbers files it cannot name (no access, or unnamed)', () => {
    const list = uploadListOf(
      [A, B],
      { [A]: { state: 'missing' }, [B]: { state: 'ok', meta: { id: B, name: '' } } },
      [],
      fallback,
    );
    expect(list.map((f) => f.name)).toEqual(['附件 1', '附件 2']);
  });

  it('counts the room left under maxItems, uploads in flight included', () => {
    const uploading: PendingUpload = { uid: 'u', name: 'a', status: 'uploading', percent: 0 };
    const failed: PendingUpload = { uid: 'f', name: 'b', status: 'error', percent: 0 };
    expect(roomFor([A], [uploading, failed], 3)).toBe(1);
    expect(roomFor([A, B], [uploading], 2)).toBe(0);
    expect(roomFor([A], [], undefined)).toBe(Infinity);
  });
});

describe('download headers', () => {
  it("reads the API's RFC 5987 file name, Chinese included", () => {
    expect(
      fileNameFromDisposition("attachment; filename*=UTF-8''%E5%8F%91%E7%A5%A8%202026.pdf"),
    ).toBe('发票 2026.pdf');
  });

  it('reads a plain quoted or bare name, and prefers filename* when both are there', () => {
    expect(fileNameFromDisposition('attachment; filename="a \\"b\\".txt"')).toBe('a "b".txt');
    expect(fileNameFromDisposition('attachment; filename=report.csv')).toBe('report.csv');
    expect(
      fileNameFromDisposition(`attachment; filename="fallback.pdf"; filename*=UTF-8''real.pdf`),
    ).toBe('real.pdf');
  });

  it('gives up on no header or a broken escape without throwing', () => {
    expect(fileNameFromDisposition(null)).toBeUndefined();
    expect(fileNameFromDisposition('inline')).toBeUndefined();
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''%E5%8")).toBeUndefined();
  });

  it('builds a file meta from HEAD headers', () => {
    expect(
      fileMetaFromHeaders(
        A,
        headers({
          'Content-Disposition': "attachment; filename*=UTF-8''x.png",
          'Content-Length': '1536',
          'Content-Type': 'image/png; charset=binary',
        }),
        '',
      ),
    ).toEqual({ id: A, name: 'x.png', size: 1536, contentType: 'image/png' });
    expect(fileMetaFromHeaders(A, headers({}), 'fallback')).toEqual({
      id: A,
      name: 'fallback',
      size: undefined,
      contentType: undefined,
    });
  });
});

describe('upload refusals', () => {
  it('names the size limit from a 413', () => {
    expect(
      uploadRefusal({ status: 413, message: 'The file is larger than the limit of 20 MB.' }),
    ).toEqual({ key: 'attachment.tooLarge', vars: { limit: '20 MB' } });
    expect(
      uploadRefusal({ status: 413, message: 'The file is larger than the limit of 512 bytes.' }),
    ).toEqual({ key: 'attachment.tooLarge', vars: { limit: '512 bytes' } });
    // A proxy's 413 has no message of ours.
    expect(uploadRefusal({ status: 413, message: 'Payload Too Large' })).toEqual({
      key: 'attachment.tooLargeNoLimit',
      vars: {},
    });
  });

  it('names the refused type from a 415', () => {
    expect(
      uploadRefusal({
        status: 415,
        message:
          'Files of type "application/x-msdownload" are not accepted. Accepted: image/png, application/pdf.',
      }),
    ).toEqual({ key: 'attachment.typeRefused', vars: { type: 'application/x-msdownload' } });
    expect(
      uploadRefusal({
        status: 415,
        message: 'Files of type "unknown" are not accepted. Accepted: text/plain.',
      }),
    ).toEqual({ key: 'attachment.typeRefused', vars: { type: 'unknown' } });
  });

  it('says when the content does not match the declared type', () => {
    expect(
      uploadRefusal({ status: 415, message: 'The content of this file is not image/png.' }),
    ).toEqual({ key: 'attachment.contentMismatch', vars: { type: 'image/png' } });
    expect(
      uploadRefusal({ status: 415, message: 'Send the file as multipart/form-data.' }),
    ).toEqual({ key: 'attachment.typeRefusedGeneric', vars: {} });
  });

  it('leaves other failures to the generic error text', () => {
    expect(uploadRefusal({ status: 400, message: 'Send one file' })).toBeNull();
    expect(uploadRefusal({ status: 0, message: 'network' })).toBeNull();
  });
});

describe('formatBytes', () => {
  it('reads the same in both languages', () => {
    expect(formatBytes(12)).toBe('12 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatBytes(undefined)).toBe('');
    expect(formatBytes(-1)).toBe('');
  });
});

describe('withAttachmentWidgets', () => {
  const files = { type: 'array', title: '证明材料', maxItems: 20, items: { type: 'string' } };

  it("gives the built-in templates' file lists the attachment widget", () => {
    const schema = { type: 'object', properties: { proof: files, note: { type: 'string' } } };
    const ui = { 'ui:order': ['proof', 'note'], note: { 'ui:widget': 'textarea' } };
    expect(withAttachmentWidgets(schema, ui)).toEqual({
      'ui:order': ['proof', 'note'],
      note: { 'ui:widget': 'textarea' },
      proof: { 'ui:widget': 'attachment' },
    });
    // The caller's uiSchema is not changed in place.
    expect(ui).not.toHaveProperty('proof');
  });

  it('keeps the other list fields as they are: pickers, multi-selects, named widgets', () => {
    const schema = {
      type: 'object',
      properties: {
        owners: { type: 'array', items: { type: 'string' }, uniqueItems: true },
        platforms: { type: 'array', items: { type: 'string', enum: ['tmall', 'jd'] } },
        tags: { type: 'array', items: { type: 'string' } },
      },
    };
    const ui = { owners: { 'ui:widget': 'user' }, tags: { 'ui:widget': 'checkboxes' } };
    expect(withAttachmentWidgets(schema, ui)).toBe(ui);
  });

  it("reaches the columns of a table, keeping the table's own uiSchema", () => {
    const schema = {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: { type: 'object', properties: { sku: { type: 'string' }, receipt: files } },
        },
      },
    };
    const ui = {
      items: { 'ui:options': { orderable: false }, items: { sku: { 'ui:help': 'h' } } },
    };
    expect(withAttachmentWidgets(schema, ui)).toEqual({
      items: {
        'ui:options': { orderable: false },
        items: { sku: { 'ui:help': 'h' }, receipt: { 'ui:widget': 'attachment' } },
      },
    });
  });

  it('leaves a form compiled by @baton/forms unchanged (it names the widget already)', () => {
    const form = compileForm([{ key: 'proof', type: 'attachment', label: '凭证' }]);
    expect(withAttachmentWidgets(form.schema, form.uiSchema)).toBe(form.uiSchema);
  });
});
