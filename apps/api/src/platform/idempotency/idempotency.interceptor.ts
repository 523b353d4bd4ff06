// `Idempotency-Key` on any POST (API.md): the same key with the same body
// returns the first answer again and changes nothing. Keys are per caller.
// A request that is still running when its twin arrives is waited for; a key
// reused with another body is refused with 422; a 5xx answer is not kept, so
// the client may retry it. A key left unfinished (its request died, or the
// database went away before the answer could be kept) is taken over by a
// retry once it is older than any request can run (the lease). Commands
// remember the key they were accepted under (request-key.ts), so a retry that
// re-runs a request whose effect was already committed answers from that
// effect instead of repeating it.
import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { defer, from, lastValueFrom, type Observable } from 'rxjs';
import { ApiError } from '../errors/api-error.js';
import { ErrorFilter } from '../errors/error.filter.js';
import { BATON_CONFIG, type BatonConfig } from '../config/config.js';
import { requestKey } from './request-key.js';

const WAIT_FOR_TWIN_MS = 10_000;
const filter = new ErrorFilter();

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  /** After this long an unfinished key is taken to be abandoned. */
  private readonly leaseMs: number;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(BATON_CONFIG) config: BatonConfig,
  ) {
    this.leaseMs = config.idempotencyLeaseMs;
  }

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
    let answer: unknown;
    const inserted = await this.dataSource.query(
      `INSERT INTO idempotency_keys (user_id, key, method, path, body_hash) VALUES ($1, $2, 'POST', $3, $4) ON CONFLICT DO NOTHING RETURNING key`,
      [userId, key, path, bodyHash],
    );
    if (!inserted.length && !(await this.replay(userId, key, bodyHash, res, (r) => (answer = r))))
      return answer;
    try {
      const body = await requestKey.run(key, () =>
        lastValueFrom(next.handle(), { defaultValue: undefined }),
      );
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

  /**
   * The key exists: replays its answer (handing it to `answered`, returns
   * false), waits while its request runs, or takes over an abandoned one
   * (returns true: the caller runs the request as the key's owner).
   */
  private async replay(
    userId: string,
    key: string,
    bodyHash: string,
    res: { status(n: number): void },
    answered: (body: unknown) => void,
  ): Promise<boolean> {
    const deadline = Date.now() + WAIT_FOR_TWIN_MS;
    for (;;) {
      const [row] = await this.dataSource.query(
        `SELECT body_hash, status, response, created_at < now() - make_interval(secs => $3) AS abandoned
           FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
        [userId, key, this.leaseMs / 1000],
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
        answered(row.response);
        return false;
      }
      if (row.abandoned) {
        const [claimed] = await this.dataSource.query(
          `WITH c AS (UPDATE idempotency_keys SET created_at = now()
            WHERE user_id = $1 AND key = $2 AND status IS NULL AND created_at < now() - make_interval(secs => $3)
            RETURNING key) SELECT key FROM c`,
          [userId, key, this.leaseMs / 1000],
        );
        if (claimed) return true;
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
