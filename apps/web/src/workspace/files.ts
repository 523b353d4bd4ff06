// The files API for attachment fields (docs/API.md, Files): upload with progress,
// each file's name and size (HEAD on the download route: form data holds ids only),
// and a download that carries the bearer token, so it cannot be a plain link.
import { ApiError, requestRaw, uploadFile } from '../shared/api';
import {
  fileMetaFrom,
  fileMetaFromHeaders,
  fileNameFromDisposition,
  type FileInfo,
  type FileMeta,
} from './attachments';

// What this session knows about each file id; files never change once stored.
const infoCache = new Map<string, Promise<FileInfo>>();
// The same, for answers already in: a list renders names without waiting a tick.
const settled = new Map<string, FileInfo>();

function remember(meta: FileMeta): void {
  const info: FileInfo = { state: 'ok', meta };
  settled.set(meta.id, info);
  infoCache.set(meta.id, Promise.resolve(info));
}

/** What is already known about a file, without asking the API. */
export function knownFile(id: string): FileInfo | undefined {
  return settled.get(id);
}

/** POST /api/files; on success the file's name and size are known without asking again. */
export async function uploadAttachment(
  file: File,
  options: { onProgress?: (percent: number) => void; signal?: AbortSignal } = {},
): Promise<FileMeta> {
  const body = await uploadFile<unknown>('/files', file, file.name, options);
  const meta = fileMetaFrom(body, file.name);
  remember(meta);
  return meta;
}

/**
 * A stored file's name and size. 404 means this reader may not open it (or it is
 * gone): the API does not tell the two apart. Other failures are not cached, so
 * the next render asks again.
 */
export function fileInfo(id: string): Promise<FileInfo> {
  let promise = infoCache.get(id);
  if (!promise) {
    promise = requestRaw('HEAD', `/files/${encodeURIComponent(id)}`).then(
      (response): FileInfo => {
        // No name header: '' and the list shows its numbered fallback.
        const info: FileInfo = {
          state: 'ok',
          meta: fileMetaFromHeaders(id, response.headers, ''),
        };
        settled.set(id, info);
        return info;
      },
      (err: unknown): FileInfo => {
        if (err instanceof ApiError && err.status === 404) {
          const info: FileInfo = { state: 'missing' };
          settled.set(id, info);
          return info;
        }
        infoCache.delete(id);
        throw err;
      },
    );
    infoCache.set(id, promise);
  }
  return promise;
}

/** GET /api/files/:id with the token, then hand the bytes to the browser as a download. */
export async function downloadAttachment(id: string, fallbackName: string): Promise<void> {
  const response = await requestRaw('GET', `/files/${encodeURIComponent(id)}`);
  const blob = await response.blob();
  const name = fileNameFromDisposition(response.headers.get('Content-Disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The click starts the download asynchronously: keep the URL alive a little.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
