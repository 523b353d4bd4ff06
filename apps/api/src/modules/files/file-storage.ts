// Where the bytes of uploaded files live. The local folder is the default;
// an S3-compatible store can be provided under the same token for server
// deployments with more than one API process.
import type { Readable } from 'node:stream';

export interface FileStorage {
  /** Stores the content under `id`, all or nothing: a failed put leaves nothing readable under `id`. */
  put(id: string, content: Readable | Buffer): Promise<void>;
  /** The content; a missing id fails the stream with an error. */
  get(id: string): Readable;
  /** Removes the content; a missing id is not an error. */
  delete(id: string): Promise<void>;
}

export const FILE_STORAGE = Symbol('FILE_STORAGE');
