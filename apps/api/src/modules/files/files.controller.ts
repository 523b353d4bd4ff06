// Files for attachment fields (API.md "Files"). One line per route; the
// services hold the rules.
import {
  Controller,
  Get,
  HttpCode,
  Logger,
  Param,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../../platform/auth/decorators.js';
import type { AuthUser } from '../../platform/auth/auth.types.js';
import { FileAccessService } from './file-access.service.js';
import { FilesService, type ReceivedFile } from './files.service.js';
import { UploadErrorsInterceptor } from './upload-errors.interceptor.js';
import { contentDisposition } from './file-types.js';

@ApiTags('files')
@ApiBearerAuth()
@Controller('files')
export class FilesController {
  constructor(
    private readonly files: FilesService,
    private readonly access: FileAccessService,
  ) {}

  @Post()
  @HttpCode(201)
  @UseInterceptors(UploadErrorsInterceptor, FileInterceptor('file'))
  @ApiOperation({
    summary: 'Upload one file for an attachment field → { id, name, size, contentType }',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  upload(@UploadedFile() file: ReceivedFile | undefined, @CurrentUser() user: AuthUser) {
    return this.files.upload(file, user);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'Download a file: its uploader, or a reader of an instance whose visible data refers to it',
  })
  async download(
    @Param('id') id: string,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { file, content } = await this.access.open(id, user);
    res.set(DOWNLOAD_HEADERS);
    return new StreamableFile(content, {
      type: file.contentType,
      length: file.size,
      disposition: contentDisposition(file.name),
    }).setErrorHandler(missingContent);
  }
}

/** The bytes are only ever saved, never shown or run in the app's origin. */
const DOWNLOAD_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox",
  'Cache-Control': 'private, no-store',
};

const logger = new Logger('FilesController');

/** The row exists but its content cannot be read: say so plainly, keep the path out of the answer. */
function missingContent(err: Error, response: object) {
  const res = response as unknown as Response; // the Express response, on this platform
  logger.error(`File content unreadable: ${err.message}`);
  if (res.headersSent) return void res.destroy();
  for (const h of ['Content-Type', 'Content-Length', 'Content-Disposition']) res.removeHeader(h);
  res.status(404).json({ error: 'not_found', message: 'The content of this file is missing.' });
}
