import type { MigrationInterface, QueryRunner } from 'typeorm';

// Templates an admin published from a process (API.md "Templates"). The
// built-in ones live in @baton/templates; these sit beside them in the
// gallery. Each publish of a template key adds a version, like processes do,
// so an installed copy can always be traced to what it was made from.
export class Templates0004 implements MigrationInterface {
  name = 'Templates1763769600004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE templates (
      key text NOT NULL,
      version integer NOT NULL CHECK (version > 0),
      name text NOT NULL,
      description text,
      category text,
      icon text,
      definition jsonb NOT NULL,
      source_process_key text NOT NULL,
      source_version integer NOT NULL,
      published_by text NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (key, version)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE templates`);
  }
}
