// Who may download a file: its uploader, and anyone who may read an
// instance whose data refers to it through a field that is not hidden from
// them (the runtime's own readable() and field visibility decide). Everyone
// else gets 404, the same as for an id that does not exist, so a file's
// existence is not revealed.
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { ApiError, notFound } from '../../platform/errors/api-error.js';
import { ROLE_ADMIN, type AuthUser } from '../../platform/auth/auth.types.js';
import { InstancesService } from '../runtime/instances.service.js';
import { FILE_STORAGE, type FileStorage } from './file-storage.js';
import { fileRefs } from './file-refs.js';
import { FilesRepository, type FileRow } from './files.repository.js';

@Injectable()
export class FileAccessService {
  constructor(
    private readonly files: FilesRepository,
    private readonly instances: InstancesService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async open(id: string, caller: AuthUser): Promise<{ file: FileRow; content: Readable }> {
    const file = await this.files.find(id);
    if (!file || !(await this.mayRead(file, caller))) throw notFound('No such file.');
    return { file, content: this.storage.get(file.id) };
  }

  private async mayRead(file: FileRow, caller: AuthUser): Promise<boolean> {
    if (file.uploaderId === caller.id) return true;
    const candidates = await this.files.referencingInstances(
      file.id,
      caller.id,
      caller.roles.includes(ROLE_ADMIN),
    );
    for (const instanceId of candidates) {
      const readable = await this.instances.readable(instanceId, caller).catch((err: unknown) => {
        if (err instanceof ApiError && err.getStatus() === 404) return undefined; // not a reader of this one
        throw err;
      });
      if (!readable) continue;
      // Only an attachment field grants access: the same id typed into a text field does not.
      const held = fileRefs(readable.definition.form, readable.row.state.data);
      if (held.some((r) => r.id === file.id && readable.visible.has(r.field))) return true;
    }
    return false;
  }
}
