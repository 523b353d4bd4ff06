// Two modules: FileStoreModule (uploads, storage, the form-data rule) which
// the runtime imports, and FilesModule (the HTTP routes and download access)
// which imports the runtime. Splitting them keeps the import graph acyclic.
import path from 'node:path';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { BATON_CONFIG, type BatonConfig } from '../../platform/config/config.js';
import { RuntimeModule } from '../runtime/runtime.module.js';
import { FileStoreModule } from './file-store.module.js';
import { FileAccessService } from './file-access.service.js';
import { FilesController } from './files.controller.js';
import { mediaType, typeAllowed } from './file-types.js';
import { unsupportedType } from './files.service.js';
import { UploadErrorsInterceptor } from './upload-errors.interceptor.js';

function multerOptions(config: BatonConfig) {
  const allowed = config.files.types;
  return {
    // Received into a temporary file first: the type is checked on the bytes before anything is stored.
    dest: path.join(config.dataDir, 'tmp', 'uploads'),
    limits: { fileSize: config.files.maxBytes, files: 1, fields: 10, parts: 20 },
    // Browsers send a file name as raw UTF-8, not latin1.
    defParamCharset: 'utf8',
    fileFilter(
      _req: unknown,
      file: { mimetype: string },
      done: (err: Error | null, accept: boolean) => void,
    ) {
      const type = mediaType(file.mimetype);
      if (typeAllowed(type, allowed)) done(null, true);
      else done(unsupportedType(type, allowed), false);
    },
  };
}

@Module({
  imports: [
    FileStoreModule,
    RuntimeModule,
    MulterModule.registerAsync({ inject: [BATON_CONFIG], useFactory: multerOptions }),
  ],
  controllers: [FilesController],
  providers: [FileAccessService, UploadErrorsInterceptor],
})
export class FilesModule {}
