// Uploads and the rule that form data may only name files its author
// uploaded. Reading a file back (who may download) is FileAccessService's,
// which needs the runtime; this service must not, since the runtime uses it.
import fs from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FileView } from '@baton/contracts';
import { BATON_CONFIG, type BatonConfig } from '../../platform/config/config.js';
import { ApiError, badRequest } from '../../platform/errors/api-error.js';
import type { AuthUser } from '../../platform/auth/auth.types.js';
import { FILE_STORAGE, type FileStorage } from './file-storage.js';
import {
  contentMatches,
  mediaType,
  safeFileName,
  sniff,
  SNIFF_BYTES,
  typeAllowed,
} from './file-types.js';
import type { FileRef } from './file-refs.js';
import { FILE_ID, FilesRepository } from './files.repository.js';

/** What multer hands over for the one file of an upload (disk storage). */
export interface ReceivedFile {
  originalname: string;
  mimetype: string;
  size: number;
  /** A temporary file, removed once the upload is handled either way. */
  path: string;
}

export const unsupportedType = (type: string, allowed: readonly string[]) =>
  new ApiError(
    415,
    'unsupported_media_type',
    `Files of type "${type || 'unknown'}" are not accepted. Accepted: ${allowed.join(', ')}.`,
  );

@Injectable()
export class FilesService {
  private readonly logger = new Logger('FilesService');

  constructor(
    private readonly files: FilesRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  /** Checks the declared type before any byte is stored (multer's fileFilter). */
  checkDeclaredType(declared: string): void {
    const type = mediaType(declared);
    if (!typeAllowed(type, this.config.files.types))
      throw unsupportedType(type, this.config.files.types);
  }

  async upload(file: ReceivedFile | undefined, caller: AuthUser): Promise<FileView> {
    if (!file)
      throw badRequest('invalid_request', 'Send one file, as the multipart form field "file".');
    try {
      const contentType = mediaType(file.mimetype);
      this.checkDeclaredType(contentType);
      if (!contentMatches(contentType, sniff(await readHead(file.path)))) {
        throw new ApiError(
          415,
          'unsupported_media_type',
          `The content of this file is not ${contentType}.`,
        );
      }
      const sha256 = await hashOf(file.path);
      const id = randomUUID();
      await this.storage.put(id, fs.createReadStream(file.path));
      try {
        const row = await this.files.insert({
          id,
          name: safeFileName(file.originalname),
          size: file.size,
          contentType,
          sha256,
          uploaderId: caller.id,
        });
        return { id: row.id, name: row.name, size: row.size, contentType: row.contentType };
      } catch (err) {
        await this.storage
          .delete(id)
          .catch((e) =>
            this.logger.warn(`Could not remove the content of unsaved file ${id}: ${e}`),
          );
        throw err;
      }
    } finally {
      await fs.promises.rm(file.path, { force: true });
    }
  }

  /**
   * Form data may name a file only if the actor uploaded it or the instance
   * already holds it (`existing`): otherwise anyone could put another
   * person's file id into a form they can read and download it from there.
   * An unknown id is refused the same way, without saying which case it is.
   * A value that is not a UUID cannot name a stored file, so it grants no
   * access and is left to the form's own validation.
   */
  async assertUsable(refs: FileRef[], userId: string, existing: FileRef[] = []): Promise<void> {
    const held = new Set(existing.map((r) => r.id));
    const fresh = refs.filter((r) => FILE_ID.test(r.id) && !held.has(r.id));
    if (!fresh.length) return;
    const own = await this.files.uploadedBy(
      fresh.map((r) => r.id),
      userId,
    );
    const refused = fresh.filter((r) => !own.has(r.id)); // ids as this service wrote them: lower-case
    if (!refused.length) return;
    const fields = [
      ...new Map(
        refused.map((r) => [
          r.path,
          {
            path: r.path,
            message: 'refers to a file that does not exist or that you did not upload',
          },
        ]),
      ).values(),
    ];
    throw badRequest(
      'invalid_form_data',
      `The form is not valid: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}.`,
      { fields },
    );
  }
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function hashOf(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
