import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox at scale (docs/PERFORMANCE.md target 3, bench/inbox.mjs): one
 * partial index per tab, in the tab's order, replacing tasks_inbox.
 *
 * - The done tab is ordered by completed_at, which tasks_inbox did not
 *   cover: every page read and sorted all of the user's done tasks (a user
 *   with 9k of them: ~7,800 heap pages a page). Now it reads 20 entries.
 * - process_key, title and node_name ride along (INCLUDE) so the process
 *   filter, the search box and the count are answered from the index alone
 *   (index-only scans) instead of visiting a heap page per task.
 * - Partial on status: an open task has an entry in the small open index,
 *   a done one in the done index; cancelled ones in neither. The inbox names
 *   the status as a literal so the planner can match the predicates.
 */
export class InboxIndexes0006 implements MigrationInterface {
  name = 'InboxIndexes1763769600006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX tasks_inbox_open ON tasks (assignee_id, created_at DESC, id)
      INCLUDE (process_key, title, node_name) WHERE status = 'open'`);
    await q.query(`CREATE INDEX tasks_inbox_done ON tasks (assignee_id, completed_at DESC NULLS LAST, id)
      INCLUDE (process_key, title, node_name) WHERE status = 'done'`);
    await q.query(`DROP INDEX tasks_inbox`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX tasks_inbox ON tasks (assignee_id, status, created_at DESC, id)`);
    await q.query(`DROP INDEX tasks_inbox_done`);
    await q.query(`DROP INDEX tasks_inbox_open`);
  }
}
