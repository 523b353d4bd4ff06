import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ProcessDefinition } from '@baton/flow';

/** One process: its editable draft and the number of its latest published version. */
@Entity('process_definitions')
export class ProcessDefinitionEntity {
  @PrimaryColumn('text') key: string;
  /** Name and category of the current definition: the latest version, else the draft. */
  @Column('text') name: string;
  @Column('text', { nullable: true }) category: string | null;
  /** What designers edit; may be invalid in graph terms. */
  @Column('jsonb', { nullable: true }) draft: Record<string, unknown> | null;
  @Column('integer', { name: 'latest_version', nullable: true }) latestVersion: number | null;
  @Column('text', { name: 'created_by' }) createdBy: string;
  @Column('text', { name: 'updated_by' }) updatedBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A published, immutable version of a process definition. */
@Entity('process_versions')
export class ProcessVersionEntity {
  @PrimaryColumn('text') key: string;
  @PrimaryColumn('integer') version: number;
  @Column('jsonb') definition: ProcessDefinition;
  @Column('text', { name: 'published_by' }) publishedBy: string;
  @Column('timestamptz', { name: 'published_at' }) publishedAt: Date;
}
