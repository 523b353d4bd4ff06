// multer's refusals in the words of API.md: one file in the field "file"
// (400 invalid_request), the size limit named (413 payload_too_large), and
// multipart/form-data only (415 unsupported_media_type).
import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { catchError, throwError, type Observable } from 'rxjs';
import { BATON_CONFIG, type BatonConfig } from '../../platform/config/config.js';
import { ApiError, badRequest } from '../../platform/errors/api-error.js';

@Injectable()
export class UploadErrorsInterceptor implements NestInterceptor {
  constructor(@Inject(BATON_CONFIG) private readonly config: BatonConfig) {}

  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        if (err instanceof PayloadTooLargeException) {
          return throwError(
            () =>
              new ApiError(
                413,
                'payload_too_large',
                `The file is larger than the limit of ${formatBytes(this.config.files.maxBytes)}.`,
              ),
          );
        }
        if (err instanceof UnsupportedMediaTypeException) {
          return throwError(
            () =>
              new ApiError(415, 'unsupported_media_type', 'Send the file as multipart/form-data.'),
          );
        }
        if (err instanceof BadRequestException && !(err instanceof ApiError)) {
          return throwError(() =>
            badRequest(
              'invalid_request',
              `Send exactly one file, as the multipart form field "file" (${err.message}).`,
            ),
          );
        }
        return throwError(() => err);
      }),
    );
  }
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
