import type { MigrationInterface, QueryRunner } from 'typeorm';

// Process definitions (one row per key, holding the editable draft) and their
// published versions. A version is frozen when published: running instances
// point at (key, version), so the trigger refuses any UPDATE of a version row.
export class Processes0002 implements MigrationInterface {
  name = 'Processes1763769600002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE process_definitions (
      key text PRIMARY KEY,
      name text NOT NULL,
      category text,
      draft jsonb,
      latest_version integer,
      created_by text NOT NULL,
      updated_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE process_versions (
      key text NOT NULL REFERENCES process_definitions(key),
      version integer NOT NULL CHECK (version > 0),
      definition jsonb NOT NULL,
      published_by text NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (key, version)
    )`);
    await q.query(`CREATE FUNCTION process_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'process version %/% is immutable', OLD.key, OLD.version USING ERRCODE = 'integrity_constraint_violation';
      END
    $$`);
    await q.query(`CREATE TRIGGER process_versions_no_update BEFORE UPDATE ON process_versions
      FOR EACH ROW EXECUTE FUNCTION process_versions_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE process_versions`);
    await q.query(`DROP FUNCTION process_versions_immutable()`);
    await q.query(`DROP TABLE process_definitions`);
  }
}
