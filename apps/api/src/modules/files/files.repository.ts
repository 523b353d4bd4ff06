// Queries on the files table and on the instance data that refers to files.
// No rules here.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface FileRow {
  id: string;
  name: string;
  size: number;
  contentType: string;
  sha256: string;
  uploaderId: string;
  createdAt: Date;
}

export const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const COLUMNS = `id, name, size::float8 AS size, content_type AS "contentType", sha256, uploader_id AS "uploaderId", created_at AS "createdAt"`;

@Injectable()
export class FilesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(f: Omit<FileRow, 'createdAt'>): Promise<FileRow> {
    const [row] = await this.dataSource.query(
      `INSERT INTO files (id, name, size, content_type, sha256, uploader_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [f.id, f.name, f.size, f.contentType, f.sha256, f.uploaderId],
    );
    return row;
  }

  async find(id: string): Promise<FileRow | undefined> {
    if (!FILE_ID.test(id)) return undefined;
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM files WHERE id = $1`, [id]);
    return row;
  }

  /** Those of `ids` that exist and were uploaded by `userId`. */
  async uploadedBy(ids: string[], userId: string): Promise<Set<string>> {
    const valid = [...new Set(ids.filter((id) => FILE_ID.test(id)))];
    if (!valid.length) return new Set();
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM files WHERE id = ANY($1::uuid[]) AND uploader_id = $2`,
      [valid, userId],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Newest first, the instances whose data holds `fileId` anywhere (a value,
   * in a list, in a table row). Without `anyInstance`, only those `userId`
   * could be a reader of (initiator, assignee, CC): the caller still checks
   * readability and which field holds the id.
   */
  async referencingInstances(
    fileId: string,
    userId: string,
    anyInstance: boolean,
    limit = 20,
  ): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT i.id FROM instances i
       WHERE jsonb_path_exists(i.state->'data', 'strict $.** ? (@ == $id)', jsonb_build_object('id', $1::text))
         AND ($3 OR i.initiator_id = $2
              OR EXISTS (SELECT 1 FROM tasks t WHERE t.instance_id = i.id AND t.assignee_id = $2)
              OR EXISTS (SELECT 1 FROM notifications n WHERE n.instance_id = i.id AND n.user_id = $2 AND n.kind IN ('cc', 'mentioned')))
       ORDER BY i.started_at DESC
       LIMIT $4`,
      [fileId, userId, anyInstance, limit],
    );
    return rows.map((r) => r.id);
  }
}
