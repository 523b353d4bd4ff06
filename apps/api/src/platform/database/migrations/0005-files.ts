import type { MigrationInterface, QueryRunner } from 'typeorm';

// Uploaded files (API.md "Files"): the metadata here, the bytes in the file
// storage under the same id. Form data refers to a file by its id.
export class Files0005 implements MigrationInterface {
  name = 'Files1763769600005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE files (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      size bigint NOT NULL CHECK (size >= 0),
      content_type text NOT NULL,
      sha256 text NOT NULL,
      uploader_id uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX files_uploader ON files (uploader_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE files`);
  }
}
