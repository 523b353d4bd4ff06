import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A command remembers the Idempotency-Key of the request that accepted it.
 * A retry of that request (its first answer lost, e.g. a 503 after the
 * commit) finds the command instead of accepting a second one: one start,
 * one approval, whatever the client had to repeat.
 */
export class CommandRequestKeys0007 implements MigrationInterface {
  name = 'CommandRequestKeys1763769600007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE commands ADD COLUMN request_key text`);
    await q.query(
      `CREATE UNIQUE INDEX commands_request_key ON commands (actor_id, request_key) WHERE request_key IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX commands_request_key`);
    await q.query(`ALTER TABLE commands DROP COLUMN request_key`);
  }
}
