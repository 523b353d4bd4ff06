// Every error leaves the API as `{ error, message }` with the right status:
// never a stack trace, never a 500 for bad input, 503 while the database is
// out of reach (RELIABILITY.md).
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
};

// "is not currently accepting connections" (55000, a database taken offline
// with ALLOW_CONNECTIONS false) is matched by its message: 55000 alone is broader.
const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P03',
  '08006',
  '08001',
  '08003',
]);

export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: string; message?: string; driverError?: unknown };
  if (e.code && CONNECTION_ERRORS.has(e.code)) return true;
  if (
    typeof e.message === 'string' &&
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Client has encountered a connection error|is not currently accepting connections/i.test(
      e.message,
    )
  )
    return true;
  return e.driverError ? isDatabaseUnavailable(e.driverError) : false;
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse();
    const { status, body } = this.toResponse(exception);
    if (status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    res.status(status).json(body);
  }

  toResponse(exception: unknown): { status: number; body: Record<string, unknown> } {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (
        typeof response === 'object' &&
        response &&
        'error' in response &&
        'message' in response &&
        typeof (response as { error: unknown }).error === 'string' &&
        (response as { error: string }).error !== STATUS_TEXT(status)
      ) {
        return { status, body: response as Record<string, unknown> };
      }
      const message =
        typeof response === 'string' ? response : (response as { message?: unknown }).message;
      return {
        status,
        body: {
          error: STATUS_CODES[status] ?? (status >= 500 ? 'internal_error' : 'error'),
          message: Array.isArray(message)
            ? message.join('; ')
            : String(message ?? exception.message),
        },
      };
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        status: 503,
        body: { error: 'unavailable', message: 'The database is unavailable; try again shortly.' },
      };
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception as unknown as { code?: string }).code;
      if (code === '23505')
        return { status: 409, body: { error: 'conflict', message: 'That already exists.' } };
      // 22P05 / 22021: text PostgreSQL cannot store (NUL, broken surrogates).
      if (code === '22P02' || code === '22001' || code === '22P05' || code === '22021')
        return {
          status: 400,
          body: { error: 'bad_request', message: 'A value has the wrong form or is too long.' },
        };
    }
    const body = exception as { type?: string; status?: number };
    // body-parser errors (malformed JSON, too large) carry a status and type.
    if (body && typeof body.status === 'number' && body.status >= 400 && body.status < 500) {
      return {
        status: body.status,
        body: {
          error: body.type === 'entity.too.large' ? 'payload_too_large' : 'bad_request',
          message:
            body.type === 'entity.parse.failed'
              ? 'The request body is not valid JSON.'
              : 'The request could not be read.',
        },
      };
    }
    return {
      status: 500,
      body: { error: 'internal_error', message: 'Something went wrong on our side.' },
    };
  }
}

// Nest's built-in exceptions put the status text in `error` ("Not Found");
// those are normalised to our snake_case codes above.
function STATUS_TEXT(status: number): string {
  return (
    (
      {
        400: 'Bad Request',
        401: 'Unauthorized',
        403: 'Forbidden',
        404: 'Not Found',
        409: 'Conflict',
        413: 'Payload Too Large',
        422: 'Unprocessable Entity',
        429: 'Too Many Requests',
      } as Record<number, string>
    )[status] ?? ''
  );
}
