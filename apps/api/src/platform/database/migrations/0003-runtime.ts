import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The runtime: instances (engine state as JSON), their tasks (a projection of
 * the state for fast inboxes), accepted commands, the audit trail, the
 * outbox that hands follow-up work to the queue after commit, timers,
 * notifications, incidents and idempotent POST answers.
 */
export class Runtime0003 implements MigrationInterface {
  name = 'Runtime1763769600003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE instances (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      process_key text NOT NULL,
      version int NOT NULL,
      title text NOT NULL,
      status text NOT NULL,
      initiator_id uuid NOT NULL,
      state jsonb NOT NULL,
      event_seq int NOT NULL DEFAULT 0,
      started_at timestamptz NOT NULL DEFAULT now(),
      ended_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX instances_initiator ON instances (initiator_id, started_at DESC)`);
    await q.query(`CREATE TABLE tasks (
      id text PRIMARY KEY,
      instance_id uuid NOT NULL REFERENCES instances(id),
      process_key text NOT NULL,
      node_id text NOT NULL,
      node_name text NOT NULL,
      kind text NOT NULL,
      title text NOT NULL,
      assignee_id uuid NOT NULL,
      status text NOT NULL,
      action text,
      created_at timestamptz NOT NULL,
      due_at timestamptz,
      warn_at timestamptz,
      completed_at timestamptz
    )`);
    // The inbox: one user's tasks of one status, newest first.
    await q.query(`CREATE INDEX tasks_inbox ON tasks (assignee_id, status, created_at DESC, id)`);
    await q.query(`CREATE INDEX tasks_instance ON tasks (instance_id)`);
    await q.query(`CREATE TABLE commands (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      instance_id uuid NOT NULL REFERENCES instances(id),
      actor_id uuid,
      type text NOT NULL,
      payload jsonb NOT NULL,
      status text NOT NULL DEFAULT 'queued',
      result jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      applied_at timestamptz
    )`);
    await q.query(`CREATE INDEX commands_queued ON commands (created_at) WHERE status = 'queued'`);
    await q.query(`CREATE TABLE events (
      instance_id uuid NOT NULL REFERENCES instances(id),
      seq int NOT NULL,
      type text NOT NULL,
      -- a user id, or 'system' for what the engine decided by itself
      actor_id text,
      node_id text,
      task_id text,
      at timestamptz NOT NULL,
      payload jsonb NOT NULL,
      PRIMARY KEY (instance_id, seq)
    )`);
    await q.query(`CREATE TABLE outbox (
      id bigserial PRIMARY KEY,
      kind text NOT NULL,
      payload jsonb NOT NULL,
      available_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      dispatched_at timestamptz
    )`);
    await q.query(`CREATE INDEX outbox_pending ON outbox (id) WHERE dispatched_at IS NULL`);
    await q.query(`CREATE TABLE timers (
      id text PRIMARY KEY,
      instance_id uuid NOT NULL REFERENCES instances(id),
      at timestamptz NOT NULL,
      purpose text NOT NULL,
      status text NOT NULL DEFAULT 'scheduled'
    )`);
    await q.query(`CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL,
      kind text NOT NULL,
      instance_id uuid,
      task_id text,
      actor_id text,
      message text,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz
    )`);
    await q.query(`CREATE INDEX notifications_user ON notifications (user_id, created_at DESC)`);
    await q.query(`CREATE TABLE incidents (
      id text PRIMARY KEY,
      instance_id uuid NOT NULL REFERENCES instances(id),
      node_id text,
      source text NOT NULL,
      code text NOT NULL,
      message text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz
    )`);
    await q.query(`CREATE TABLE idempotency_keys (
      user_id text NOT NULL,
      key text NOT NULL,
      method text NOT NULL,
      path text NOT NULL,
      body_hash text NOT NULL,
      status int,
      response jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, key)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'idempotency_keys',
      'incidents',
      'notifications',
      'timers',
      'outbox',
      'events',
      'commands',
      'tasks',
      'instances',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
