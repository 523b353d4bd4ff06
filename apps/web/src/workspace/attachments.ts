// Attachment fields between the API and the form: packages/forms stores an
// attachment as a list of file ids (`{ type: 'array', items: { type: 'string' },
// uniqueItems: true }`), POST /api/files answers `{ id, name, size, contentType }`,
// and the antd Upload list shows names, progress and errors. Pure functions only;
// the widget (components/AttachmentWidget.tsx) does the I/O.
import type { FileView } from '@baton/contracts';
import type { UploadFile } from 'antd';
import { isAttachmentField, type JsonSchema, type UiSchema } from '@baton/forms';

export { isAttachmentField };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The uiSchema with `ui:widget: attachment` on every attachment field that does
 * not name it (the built-in templates' `files` fields), top level and table
 * columns: otherwise @rjsf shows a list of text boxes asking for file ids.
 */
export function withAttachmentWidgets(schema: JsonSchema, uiSchema: UiSchema): UiSchema {
  const properties = isObj(schema.properties) ? schema.properties : {};
  let out: UiSchema = uiSchema;
  const set = (key: string, value: unknown) => {
    if (out === uiSchema) out = { ...uiSchema };
    out[key] = value;
  };
  for (const [key, prop] of Object.entries(properties)) {
    const ui = isObj(uiSchema[key]) ? (uiSchema[key] as UiSchema) : undefined;
    if (isAttachmentField(prop, ui)) {
      if (ui?.['ui:widget'] !== 'attachment') set(key, { ...ui, 'ui:widget': 'attachment' });
    } else if (
      isObj(prop) &&
      prop.type === 'array' &&
      isObj(prop.items) &&
      prop.items.type === 'object'
    ) {
      const rowUi = isObj(ui?.items) ? (ui.items as UiSchema) : {};
      const nextRowUi = withAttachmentWidgets(prop.items as JsonSchema, rowUi);
      if (nextRowUi !== rowUi) set(key, { ...ui, items: nextRowUi });
    }
  }
  return out;
}

/**
 * What the page knows of a stored file: POST /api/files's answer (FileView), or
 * what the headers of GET/HEAD /api/files/:id tell, where size and type may be missing.
 */
export type FileMeta = Pick<FileView, 'id' | 'name'> &
  Partial<Pick<FileView, 'size' | 'contentType'>>;

/** The form value as the list of ids it must be: strings only, each once, in order. */
export function fileIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  const out: string[] = [];
  for (const item of list)
    if (typeof item === 'string' && item && !out.includes(item)) out.push(item);
  return out;
}

/** The value after an upload: the new id appended (never twice: the schema has uniqueItems). */
export function withFile(value: unknown, id: string): string[] {
  const ids = fileIds(value);
  return ids.includes(id) ? ids : [...ids, id];
}

/**
 * The value after removing a file. An emptied required field becomes `undefined`,
 * so it reports "required" (an empty list would satisfy JSON Schema's `required`);
 * an emptied optional one stays `[]`, so a later step that clears it sends the
 * clearing instead of leaving the old files in place.
 */
export function withoutFile(value: unknown, id: string, required = false): string[] | undefined {
  const ids = fileIds(value).filter((f) => f !== id);
  return ids.length || !required ? ids : undefined;
}

/** POST /api/files's answer as a FileMeta; anything without an id is not a stored file. */
export function fileMetaFrom(body: unknown, fallbackName: string): FileMeta {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  if (typeof b.id !== 'string' || b.id === '')
    throw new TypeError('The upload answer carries no file id');
  return {
    id: b.id,
    name: typeof b.name === 'string' && b.name ? b.name : fallbackName,
    size: typeof b.size === 'number' ? b.size : undefined,
    contentType: typeof b.contentType === 'string' ? b.contentType : undefined,
  };
}

/**
 * The file name in a Content-Disposition header. The API sends RFC 5987
 * (`attachment; filename*=UTF-8''%E5%8F%91%E7%A5%A8.pdf`); a plain `filename="…"`
 * is read too, and `filename*` wins when both are there.
 */
export function fileNameFromDisposition(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*([^;]+)/i.exec(header)?.[1]?.trim();
  if (extended) {
    const encoded = extended.replace(/^[A-Za-z0-9_-]*'[^']*'/, '').replace(/^"|"$/g, '');
    try {
      const name = decodeURIComponent(encoded);
      if (name) return name;
    } catch {
      /* malformed escape: fall back to the plain parameter */
    }
  }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header)?.[1];
  if (quoted) return quoted.replace(/\\(.)/g, '$1');
  const bare = /filename\s*=\s*([^;\s]+)/i.exec(header)?.[1];
  return bare || undefined;
}

/** A file's metadata from the headers of GET/HEAD /api/files/:id. */
export function fileMetaFromHeaders(
  id: string,
  headers: { get(name: string): string | null },
  fallbackName: string,
): FileMeta {
  const length = Number(headers.get('Content-Length'));
  const type = headers.get('Content-Type');
  return {
    id,
    name: fileNameFromDisposition(headers.get('Content-Disposition')) ?? fallbackName,
    size: Number.isFinite(length) && headers.get('Content-Length') !== null ? length : undefined,
    contentType: type ? type.split(';')[0].trim() : undefined,
  };
}

/** A file still on its way up, or one the API refused (kept in the list with its reason). */
export interface PendingUpload {
  uid: string;
  name: string;
  status: 'uploading' | 'error';
  percent: number;
  /** Why it failed, already in the user's language. */
  error?: string;
}

/** What we know of a stored file: its metadata, or that this user cannot open it. */
export type FileInfo =
  { state: 'loading' } | { state: 'ok'; meta: FileMeta } | { state: 'missing' };

/**
 * The antd Upload list: the stored files of the value (uid = file id, status done)
 * in the value's order, then the uploads in flight or refused.
 */
export function uploadListOf(
  ids: readonly string[],
  infos: Readonly<Record<string, FileInfo | undefined>>,
  pending: readonly PendingUpload[],
  fallbackName: (index: number) => string,
): UploadFile[] {
  const stored = ids.map((id, index): UploadFile => {
    const info = infos[id];
    const meta = info?.state === 'ok' ? info.meta : undefined;
    return {
      uid: id,
      name: meta?.name || fallbackName(index + 1),
      size: meta?.size,
      type: meta?.contentType,
      status: 'done',
    };
  });
  const inFlight = pending.map((p): UploadFile => ({
    uid: p.uid,
    name: p.name,
    status: p.status,
    percent: p.percent,
    response: p.error,
    error: p.error ? new Error(p.error) : undefined,
  }));
  return [...stored, ...inFlight];
}

/** How many more files fit under the field's maxItems (Infinity without one). */
export function roomFor(
  value: unknown,
  pending: readonly PendingUpload[],
  maxItems: unknown,
): number {
  if (typeof maxItems !== 'number' || !Number.isFinite(maxItems)) return Infinity;
  const uploading = pending.filter((p) => p.status === 'uploading').length;
  return Math.max(0, maxItems - fileIds(value).length - uploading);
}

/** `1.5 MB`, `340 KB`, `12 B`: units read the same in both languages. */
export function formatBytes(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n) || n < 0) return '';
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}

/** A translation key and its values for a refused upload; null: show the generic error. */
export interface UploadRefusal {
  key: string;
  vars: Record<string, string>;
}

/**
 * Why the API refused an upload, in words we can translate. The API's refusals
 * (apps/api files module): 413 `payload_too_large` "… larger than the limit of 20 MB.",
 * 415 `unsupported_media_type` "Files of type "x" are not accepted. …" or
 * "The content of this file is not x.". A 413 from a proxy has no body.
 */
export function uploadRefusal(err: { status: number; message?: string }): UploadRefusal | null {
  const message = err.message ?? '';
  if (err.status === 413) {
    const limit = /limit of ([\d.]+ ?(?:bytes|[KMGT]?B))/i.exec(message)?.[1];
    return limit
      ? { key: 'attachment.tooLarge', vars: { limit } }
      : { key: 'attachment.tooLargeNoLimit', vars: {} };
  }
  if (err.status === 415) {
    const declared = /type "([^"]*)"/.exec(message)?.[1];
    if (declared !== undefined)
      return { key: 'attachment.typeRefused', vars: { type: declared || '?' } };
    const claimed = /content of this file is not ([^\s]+?)\.?$/i.exec(message)?.[1];
    if (claimed) return { key: 'attachment.contentMismatch', vars: { type: claimed } };
    return { key: 'attachment.typeRefusedGeneric', vars: {} };
  }
  return null;
}
