import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity0001 implements MigrationInterface {
  name = 'Identity1763769600001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE system_settings (
      key text PRIMARY KEY,
      value text NOT NULL
    )`);
    await q.query(`CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL,
      password_hash text NOT NULL,
      display_name text NOT NULL,
      roles text[] NOT NULL DEFAULT '{}',
      department_id uuid,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX users_username_key ON users (lower(username))`);
    await q.query(`CREATE TABLE departments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      parent_id uuid REFERENCES departments(id),
      head_id uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `ALTER TABLE users ADD CONSTRAINT users_department_fk FOREIGN KEY (department_id) REFERENCES departments(id)`,
    );
    await q.query(`CREATE TABLE queue_probes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      requested_by text NOT NULL,
      requested_at timestamptz NOT NULL DEFAULT now(),
      handled_by text,
      handled_at timestamptz
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE queue_probes`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_department_fk`);
    await q.query(`DROP TABLE departments`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE system_settings`);
  }
}
