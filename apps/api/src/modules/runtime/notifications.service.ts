// In-app notifications (written by the command processor from `notify`
// effects) and incidents (engine incidents and failed automations).
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  Incident,
  InstanceAnswer,
  NotificationItem,
  NotificationRead,
  NotificationsMarked,
} from '@baton/contracts';
import { notFound } from '../../platform/errors/api-error.js';
import type { AuthUser } from '../../platform/auth/auth.types.js';
import { InstancesService } from './instances.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly instances: InstancesService,
  ) {}

  async list(caller: AuthUser, unreadOnly: boolean): Promise<NotificationItem[]> {
    const rows = await this.dataSource.query(
      `SELECT n.id, n.kind, n.instance_id, n.task_id, n.actor_id, n.message, n.created_at, n.read_at, i.title
       FROM notifications n LEFT JOIN instances i ON i.id = n.instance_id
       WHERE n.user_id = $1 ${unreadOnly ? 'AND n.read_at IS NULL' : ''} ORDER BY n.created_at DESC, n.id LIMIT 200`,
      [caller.id],
    );
    return rows.map((n: Record<string, unknown>) => ({
      id: n.id,
      kind: n.kind,
      instanceId: n.instance_id,
      ...(n.task_id ? { taskId: n.task_id } : {}),
      ...(n.actor_id ? { actorId: n.actor_id } : {}),
      ...(n.message ? { message: n.message } : {}),
      title: n.title,
      createdAt: (n.created_at as Date).toISOString(),
      read: n.read_at !== null,
    }));
  }

  async read(id: string, caller: AuthUser): Promise<NotificationRead> {
    const rows = UUID.test(id)
      ? await this.dataSource.query(
          // A SELECT around the UPDATE: TypeORM answers a bare UPDATE with
          // [rows, count], whose length is always 2 (every id looked found).
          `WITH u AS (UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id) SELECT id FROM u`,
          [id, caller.id],
        )
      : [];
    if (!rows.length) throw notFound('No such notification.');
    return { id, read: true };
  }

  async readAll(caller: AuthUser): Promise<NotificationsMarked> {
    const rows = await this.dataSource.query(
      `WITH u AS (UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id) SELECT id FROM u`,
      [caller.id],
    );
    return { marked: rows.length };
  }

  async incidents(includeResolved: boolean): Promise<Incident[]> {
    const rows = await this.dataSource.query(
      `SELECT x.id, x.instance_id, x.node_id, x.source, x.code, x.message, x.created_at, x.resolved_at, i.process_key, i.title
       FROM incidents x JOIN instances i ON i.id = x.instance_id ${includeResolved ? '' : 'WHERE x.resolved_at IS NULL'}
       ORDER BY x.created_at DESC LIMIT 500`,
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: r.id,
      instanceId: r.instance_id,
      processKey: r.process_key,
      title: r.title,
      nodeId: r.node_id,
      source: r.source,
      code: r.code,
      error: r.message,
      createdAt: (r.created_at as Date).toISOString(),
      ...(r.resolved_at ? { resolvedAt: (r.resolved_at as Date).toISOString() } : {}),
    }));
  }

  /** Runs the failed step again (the engine's retryNode). */
  async retryIncident(
    id: string,
    caller: AuthUser,
  ): Promise<{ status: number; body: InstanceAnswer }> {
    const [row] =
      id.length <= 100
        ? await this.dataSource.query(
            `SELECT instance_id, resolved_at FROM incidents WHERE id = $1`,
            [id],
          )
        : [];
    if (!row) throw notFound('No such incident.');
    return this.instances.runAndView(row.instance_id, caller, {
      type: 'retryNode',
      incidentId: id,
      actorId: caller.id,
    });
  }
}
