// Files in a local folder (BATON_DATA_DIR/files), spread over 256
// subfolders by the first characters of the id. Content is written under a
// temporary name, flushed, then renamed into place, so a crash never leaves a
// half-written file under a real id.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileStorage } from './file-storage.js';

const SAFE_ID = /^[0-9a-f][0-9a-f-]{7,63}$/i;

export class LocalFileStorage implements FileStorage {
  constructor(readonly dir: string) {}

  private pathOf(id: string): string {
    // Ids come from the database, never from a user; still, nothing may climb out of the folder.
    if (!SAFE_ID.test(id)) throw new Error(`Not a storable file id: ${JSON.stringify(id)}`);
    return path.join(this.dir, id.slice(0, 2).toLowerCase(), id);
  }

  async put(id: string, content: Readable | Buffer): Promise<void> {
    const target = this.pathOf(id);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const partial = `${target}.part-${randomBytes(6).toString('hex')}`;
    try {
      const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
      await pipeline(source, fs.createWriteStream(partial, { flags: 'wx', flush: true }));
      await fs.promises.rename(partial, target);
    } catch (err) {
      await fs.promises.rm(partial, { force: true });
      throw err;
    }
  }

  get(id: string): Readable {
    return fs.createReadStream(this.pathOf(id));
  }

  async delete(id: string): Promise<void> {
    await fs.promises.rm(this.pathOf(id), { force: true });
  }
}
