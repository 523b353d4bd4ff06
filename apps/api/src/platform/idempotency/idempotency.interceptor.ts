// `Idempotency-Key` on any POST (API.md): the same key with the same body
// returns the first answer again and changes nothing. Keys are per caller.
// A request that is still running when its twin arrives is waited for; a key
// reused with another body is refused with 422; a 5xx answer is not kept, so
// the client may retry it.
import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { defer, from, lastValueFrom, type Observable } from 'rxjs';
import { ApiError } from '../errors/api-error.js';
import { ErrorFilter } from '../errors/error.filter.js';

const WAIT_FOR_TWIN_MS = 10_000;
const filter = new ErrorFilter();

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly dataSource: DataSource) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = ctx.switchToHttp();
    const req = http.getRequest();
    const res = http.getResponse();
    const key: string | undefined = req.headers?.['idempotency-key'];
    if (req.method !== 'POST' || !key || !req.user) return next.handle();
    return defer(() => from(this.run(req, res, key, next)));
  }

  private async run(
    req: { user: { id: string }; originalUrl: string; body: unknown },
    res: { status(n: number): void; statusCode: number },
    key: string,
    next: CallHandler,
  ) {
    if (key.length > 200)
      throw new ApiError(
        400,
        'invalid_idempotency_key',
        'Idempotency-Key is at most 200 characters.',
      );
    const userId = req.user.id;
    const path = req.originalUrl.split('?')[0];
    const bodyHash = createHash('sha256')
      .update(`${path}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    const inserted = await this.dataSource.query(
      `INSERT INTO idempotency_keys (user_id, key, method, path, body_hash) VALUES ($1, $2, 'POST', $3, $4) ON CONFLICT DO NOTHING RETURNING key`,
      [userId, key, path, bodyHash],
    );
    if (!inserted.length) return this.replay(userId, key, bodyHash, res);
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.dataSource.query(
        `UPDATE idempotency_keys SET status = $3, response = $4 WHERE user_id = $1 AND key = $2`,
        [userId, key, res.statusCode, JSON.stringify(body ?? null)],
      );
      return body;
    } catch (err) {
      const { status, body } = filter.toResponse(err);
      if (status >= 500) {
        await this.dataSource
          .query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [userId, key])
          .catch(() => undefined);
      } else {
        await this.dataSource.query(
          `UPDATE idempotency_keys SET status = $3, response = $4 WHERE user_id = $1 AND key = $2`,
          [userId, key, status, JSON.stringify(body)],
        );
      }
      throw err;
    }
  }

  private async replay(
    userId: string,
    key: string,
    bodyHash: string,
    res: { status(n: number): void },
  ): Promise<unknown> {
    const deadline = Date.now() + WAIT_FOR_TWIN_MS;
    for (;;) {
      const [row] = await this.dataSource.query(
        `SELECT body_hash, status, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
        [userId, key],
      );
      if (!row)
        throw new ApiError(
          409,
          'conflict',
          'The first request with this Idempotency-Key failed; send it again.',
        );
      if (row.body_hash !== bodyHash) {
        throw new ApiError(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was already used for a different request.',
        );
      }
      if (row.status !== null) {
        if (row.status >= 400)
          throw new ApiError(
            row.status,
            row.response?.error ?? 'error',
            row.response?.message ?? 'Replayed error.',
            replayExtra(row.response),
          );
        res.status(row.status);
        return row.response;
      }
      if (Date.now() > deadline)
        throw new ApiError(
          409,
          'conflict',
          'A request with this Idempotency-Key is still running.',
        );
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

function replayExtra(response: Record<string, unknown> | null): Record<string, unknown> {
  const { error: _e, message: _m, ...rest } = response ?? {};
  return rest;
}
