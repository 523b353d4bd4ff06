// Queries on process_definitions and process_versions. No rules here: the
// service decides who may do what and which transaction a call runs in
// (pass its EntityManager).
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AssigneeRule, ProcessDefinition } from '@baton/flow';
import { pinFieldOrder, type JsonSchema, type UiSchema } from '@baton/forms';
import { ProcessDefinitionEntity, ProcessVersionEntity } from './process.entity.js';

export interface DraftInput {
  key: string;
  name: string;
  category: string | null;
  draft: Record<string, unknown>;
  userId: string;
}

export interface ProcessSummaryRow {
  key: string;
  name: string;
  category: string | null;
  description: string | null;
  latestVersion: number | null;
  /** settings.starters of the latest version; null when unset or never published. */
  starters: AssigneeRule[] | null;
  hasDraft: boolean;
  updatedAt: Date;
}

interface DefinitionRow {
  key: string;
  name: string;
  category: string | null;
  draft: Record<string, unknown> | null;
  latest_version: number | null;
  created_by: string;
  updated_by: string;
  created_at: Date;
  updated_at: Date;
}

@Injectable()
export class ProcessesRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /**
   * Creates the process or replaces its draft. Name and category follow the
   * draft only until the first publish; after that they follow the versions.
   */
  async upsertDraft(input: DraftInput, manager?: EntityManager): Promise<ProcessDefinitionEntity> {
    const rows: DefinitionRow[] = await this.m(manager).query(
      `INSERT INTO process_definitions AS p (key, name, category, draft, created_by, updated_by)
       VALUES ($1, $2, $3, $4::jsonb, $5, $5)
       ON CONFLICT (key) DO UPDATE SET
         draft = EXCLUDED.draft,
         updated_by = EXCLUDED.updated_by,
         updated_at = now(),
         name = CASE WHEN p.latest_version IS NULL THEN EXCLUDED.name ELSE p.name END,
         category = CASE WHEN p.latest_version IS NULL THEN EXCLUDED.category ELSE p.category END
       RETURNING *`,
      [input.key, input.name, input.category, stored(input.draft), input.userId],
    );
    return toEntity(rows[0]);
  }

  /** Creates the process with this draft; null when the key is taken (nothing changes then). */
  async insertDraft(
    input: DraftInput,
    manager?: EntityManager,
  ): Promise<ProcessDefinitionEntity | null> {
    const rows: DefinitionRow[] = await this.m(manager).query(
      `INSERT INTO process_definitions (key, name, category, draft, created_by, updated_by)
       VALUES ($1, $2, $3, $4::jsonb, $5, $5)
       ON CONFLICT (key) DO NOTHING
       RETURNING *`,
      [input.key, input.name, input.category, stored(input.draft), input.userId],
    );
    return rows[0] ? toEntity(rows[0]) : null;
  }

  find(key: string, manager?: EntityManager): Promise<ProcessDefinitionEntity | null> {
    return this.m(manager).findOneBy(ProcessDefinitionEntity, { key });
  }

  /** The row, locked until the transaction of `manager` ends: publishes of one key queue here. */
  findForUpdate(key: string, manager: EntityManager): Promise<ProcessDefinitionEntity | null> {
    return manager
      .createQueryBuilder(ProcessDefinitionEntity, 'p')
      .setLock('pessimistic_write')
      .where('p.key = :key', { key })
      .getOne();
  }

  async insertVersion(
    v: { key: string; version: number; definition: ProcessDefinition; publishedBy: string },
    manager: EntityManager,
  ): Promise<ProcessVersionEntity> {
    const rows: {
      key: string;
      version: number;
      definition: ProcessDefinition;
      published_by: string;
      published_at: Date;
    }[] = await manager.query(
      `INSERT INTO process_versions (key, version, definition, published_by)
         VALUES ($1, $2, $3::jsonb, $4)
         RETURNING *`,
      [v.key, v.version, stored(v.definition), v.publishedBy],
    );
    const row = rows[0];
    return Object.assign(new ProcessVersionEntity(), {
      key: row.key,
      version: row.version,
      definition: row.definition,
      publishedBy: row.published_by,
      publishedAt: row.published_at,
    });
  }

  async markPublished(
    p: { key: string; version: number; name: string; category: string | null; userId: string },
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(
      ProcessDefinitionEntity,
      { key: p.key },
      { latestVersion: p.version, name: p.name, category: p.category, updatedBy: p.userId },
    );
  }

  findVersion(
    key: string,
    version: number,
    manager?: EntityManager,
  ): Promise<ProcessVersionEntity | null> {
    return this.m(manager).findOneBy(ProcessVersionEntity, { key, version });
  }

  /** Versions without their definitions, oldest first. */
  listVersions(key: string): Promise<Omit<ProcessVersionEntity, 'definition'>[]> {
    return this.m().find(ProcessVersionEntity, {
      select: { key: true, version: true, publishedBy: true, publishedAt: true },
      where: { key },
      order: { version: 'ASC' },
    });
  }

  /** Published processes, and with `includeDrafts` those never published too. */
  async listSummaries(includeDrafts: boolean): Promise<ProcessSummaryRow[]> {
    const rows: {
      key: string;
      name: string;
      category: string | null;
      description: string | null;
      latest_version: number | null;
      starters: unknown;
      has_draft: boolean;
      updated_at: Date;
    }[] = await this.m().query(
      `SELECT p.key, p.name, p.category, p.latest_version, p.updated_at,
              COALESCE(v.definition, p.draft) ->> 'description' AS description,
              v.definition -> 'settings' -> 'starters' AS starters,
              p.draft IS NOT NULL AS has_draft
         FROM process_definitions p
         LEFT JOIN process_versions v ON v.key = p.key AND v.version = p.latest_version
        WHERE $1::boolean OR p.latest_version IS NOT NULL
        ORDER BY p.name, p.key`,
      [includeDrafts],
    );
    return rows.map((r) => ({
      key: r.key,
      name: r.name,
      category: r.category,
      description: r.description,
      latestVersion: r.latest_version,
      starters: Array.isArray(r.starters) ? (r.starters as AssigneeRule[]) : null,
      hasDraft: r.has_draft,
      updatedAt: r.updated_at,
    }));
  }
}

function toEntity(row: DefinitionRow): ProcessDefinitionEntity {
  return Object.assign(new ProcessDefinitionEntity(), {
    key: row.key,
    name: row.name,
    category: row.category,
    draft: row.draft,
    latestVersion: row.latest_version,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

/**
 * A definition as its JSONB column keeps it: with the form's field order
 * written into the uiSchema, since JSONB does not keep the order of keys.
 */
function stored(definition: unknown): string {
  const d = definition as { form?: { schema?: JsonSchema; uiSchema?: UiSchema } } | null;
  if (!d?.form?.schema) return JSON.stringify(definition);
  return JSON.stringify({
    ...d,
    form: { ...d.form, uiSchema: pinFieldOrder(d.form.schema, d.form.uiSchema ?? {}) },
  });
}
