// Queries on the templates table (admin-published templates). No rules here.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ProcessDefinition } from '@baton/flow';

export interface AdminTemplateRow {
  key: string;
  version: number;
  name: string;
  description: string | null;
  category: string | null;
  icon: string | null;
  definition: ProcessDefinition;
  sourceProcessKey: string;
  sourceVersion: number;
  publishedBy: string;
  publishedAt: Date;
}

export type AdminTemplateInput = Omit<AdminTemplateRow, 'version' | 'publishedAt'>;

interface Row {
  key: string;
  version: number;
  name: string;
  description: string | null;
  category: string | null;
  icon: string | null;
  definition: ProcessDefinition;
  source_process_key: string;
  source_version: number;
  published_by: string;
  published_at: Date;
}

const toRow = (r: Row): AdminTemplateRow => ({
  key: r.key,
  version: r.version,
  name: r.name,
  description: r.description,
  category: r.category,
  icon: r.icon,
  definition: r.definition,
  sourceProcessKey: r.source_process_key,
  sourceVersion: r.source_version,
  publishedBy: r.published_by,
  publishedAt: r.published_at,
});

@Injectable()
export class TemplatesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The latest version of every admin template, by name. */
  async listLatest(): Promise<AdminTemplateRow[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM (SELECT DISTINCT ON (key) * FROM templates ORDER BY key, version DESC) t ORDER BY name, key`,
    );
    return rows.map(toRow);
  }

  async findLatest(key: string): Promise<AdminTemplateRow | null> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM templates WHERE key = $1 ORDER BY version DESC LIMIT 1`,
      [key],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Adds the next version of the template; a concurrent publish of the same key fails on the primary key. */
  async insertNextVersion(t: AdminTemplateInput): Promise<AdminTemplateRow> {
    const rows: Row[] = await this.dataSource.query(
      `INSERT INTO templates (key, version, name, description, category, icon, definition, source_process_key, source_version, published_by)
       SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9 FROM templates WHERE key = $1
       RETURNING *`,
      [
        t.key,
        t.name,
        t.description,
        t.category,
        t.icon,
        JSON.stringify(t.definition),
        t.sourceProcessKey,
        t.sourceVersion,
        t.publishedBy,
      ],
    );
    return toRow(rows[0]);
  }
}
