// What an upload is and what it may be called: the declared media type
// checked against the configured list, the first bytes checked against the
// declared type (so a renamed .exe is refused), and a file name made safe to
// store and to send back. Pure functions, no I/O.

/** How many leading bytes `sniff` looks at. */
export const SNIFF_BYTES = 4096;

export type Sniffed =
  'png' | 'jpeg' | 'gif' | 'webp' | 'pdf' | 'zip' | 'ole' | 'executable' | 'text' | 'binary';

/** The media type without parameters, lower-cased: `Text/CSV; charset=utf-8` → `text/csv`. */
export function mediaType(declared: string | undefined): string {
  return (declared ?? '').split(';')[0].trim().toLowerCase();
}

/** Whether `type` is on the list; an entry `image/*` admits every image type. */
export function typeAllowed(type: string, allowed: readonly string[]): boolean {
  if (!/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(type)) return false;
  return allowed.some((entry) => {
    const a = entry.toLowerCase();
    return a === type || (a.endsWith('/*') && type.startsWith(a.slice(0, -1)));
  });
}

const startsWith = (head: Uint8Array, bytes: number[], at = 0) =>
  bytes.every((b, i) => head[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** What the first bytes of a file say it is. */
export function sniff(head: Uint8Array): Sniffed {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'webp';
  if (
    startsWith(head, ascii('PK')) &&
    [
      [3, 4],
      [5, 6],
      [7, 8],
    ].some(([a, b]) => head[2] === a && head[3] === b)
  )
    return 'zip';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole'; // .doc, .xls, .ppt
  if (
    startsWith(head, ascii('MZ')) || // Windows .exe, .dll
    startsWith(head, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    [
      [0xfe, 0xed, 0xfa, 0xce],
      [0xfe, 0xed, 0xfa, 0xcf],
      [0xce, 0xfa, 0xed, 0xfe],
      [0xcf, 0xfa, 0xed, 0xfe],
      [0xca, 0xfe, 0xba, 0xbe],
    ].some((m) => startsWith(head, m)) || // Mach-O
    startsWith(head, ascii('#!')) // a script for an interpreter
  )
    return 'executable';
  // PDF allows a little junk before its header; readers look in the first KiB.
  if (Buffer.from(head.subarray(0, 1024)).includes('%PDF-')) return 'pdf';
  // UTF-16 text carries NULs, so it is only taken as text with its byte-order mark.
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return 'text';
  return head.includes(0) ? 'binary' : 'text';
}

/**
 * The contents each declared type must have. A type not named here (an
 * installation may admit more with BATON_FILE_TYPES) is taken on its word,
 * except that an executable never passes.
 */
const EXPECTED: Record<string, Sniffed[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'application/zip': ['zip'],
  'application/x-zip-compressed': ['zip'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['zip'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['zip'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['zip'],
  'application/msword': ['ole'],
  // Windows browsers declare .csv files as Excel ones.
  'application/vnd.ms-excel': ['ole', 'text'],
  'application/vnd.ms-powerpoint': ['ole'],
  'text/plain': ['text'],
  'text/csv': ['text'],
};

export function contentMatches(type: string, sniffed: Sniffed): boolean {
  if (sniffed === 'executable') return false;
  const expected = EXPECTED[type];
  return expected ? expected.includes(sniffed) : true;
}

const MAX_NAME_LENGTH = 200;

/**
 * The name to keep: its last path segment, without control, bidi-override
 * or path characters, NFC-normalised, at most 200 characters with the
 * extension kept. Any script stays as it is (`发票 2026.pdf`).
 */
export function safeFileName(original: string | undefined): string {
  let name = (original ?? '').normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  // Controls, bidi overrides (which disguise `gpj.exe` as `exe.jpg`), and what Windows refuses in a name.
  name = name.replace(
    /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069:*?"<>|]/g,
    '',
  );
  name = name.trim().replace(/^\.+/, '').trim();
  const chars = [...name];
  if (chars.length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? [...name.slice(dot)] : [];
    name =
      ext.length && ext.length <= 16
        ? chars.slice(0, MAX_NAME_LENGTH - ext.length).join('') + ext.join('')
        : chars.slice(0, MAX_NAME_LENGTH).join('');
  }
  return name || 'file';
}

/** `attachment; filename*=UTF-8''…` (RFC 6266 / 5987): any name, no quoting pitfalls. */
export function contentDisposition(name: string): string {
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename*=UTF-8''${encoded}`;
}
