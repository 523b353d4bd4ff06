import path from 'node:path';
import { Module } from '@nestjs/common';
import { BATON_CONFIG, type BatonConfig } from '../../platform/config/config.js';
import { FILE_STORAGE } from './file-storage.js';
import { LocalFileStorage } from './local-file-storage.js';
import { FilesRepository } from './files.repository.js';
import { FilesService } from './files.service.js';

/** Uploaded files without the HTTP routes: what the runtime needs to check form data. */
@Module({
  providers: [
    // The one place to choose another storage (e.g. S3-compatible) later.
    {
      provide: FILE_STORAGE,
      inject: [BATON_CONFIG],
      useFactory: (config: BatonConfig) => new LocalFileStorage(path.join(config.dataDir, 'files')),
    },
    FilesRepository,
    FilesService,
  ],
  exports: [FILE_STORAGE, FilesRepository, FilesService],
})
export class FileStoreModule {}
