import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Health, QueueCheck } from '@baton/contracts';
import { PROCESS_ROLE, type ProcessRole } from '../../platform/process/process-role.js';
import { QUEUE_DRIVER, type QueueDriver } from '../../platform/queue/queue.driver.js';
import { QUEUES } from '../../platform/queue/queue.constants.js';
import { ApiError } from '../../platform/errors/api-error.js';

@Injectable()
export class SystemService implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(QUEUE_DRIVER) private readonly queue: QueueDriver,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
  ) {}

  async onApplicationBootstrap() {
    if (!this.role.worker) return;
    await this.queue.work<{ probeId: string }>(QUEUES.system, async (job) => {
      await this.dataSource.query(
        `UPDATE queue_probes SET handled_by = $2, handled_at = now() WHERE id = $1 AND handled_by IS NULL`,
        [job.data.probeId, this.role.id],
      );
    });
  }

  async health(): Promise<Health> {
    const db = await withTimeout(
      this.dataSource.query('SELECT 1').then(() => true),
      2000,
    ).catch(() => false);
    const queue = await withTimeout(this.queue.ping(), 2000).catch(() => false);
    return {
      status: db && queue ? 'ok' : 'degraded',
      db: db ? 'ok' : 'down',
      queue: queue ? 'ok' : 'down',
      mode: this.queue.kind === 'in-process' ? 'embedded' : 'server',
    };
  }

  /**
   * Round trip through the queue: this process enqueues a probe and waits for
   * whichever worker process takes it. Shows operators that workers are alive.
   */
  async queueCheck(requestedBy: string, timeoutMs = 5000): Promise<QueueCheck> {
    const [{ id }] = await this.dataSource.query(
      `INSERT INTO queue_probes (requested_by) VALUES ($1) RETURNING id`,
      [`${this.role.id}/${requestedBy}`],
    );
    const started = Date.now();
    await this.queue.add(QUEUES.system, 'probe', { probeId: id }, { jobId: `probe-${id}` });
    while (Date.now() - started < timeoutMs) {
      const [row] = await this.dataSource.query(
        `SELECT handled_by FROM queue_probes WHERE id = $1`,
        [id],
      );
      if (row?.handled_by) {
        return {
          probeId: id,
          enqueuedBy: this.role.id,
          handledBy: row.handled_by as string,
          latencyMs: Date.now() - started,
        };
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new ApiError(
      503,
      'no_worker',
      'No worker took the probe job in time: is a worker process running?',
      { probeId: id },
    );
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
