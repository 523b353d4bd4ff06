// The template gallery (docs/API.md "Templates").
import type { Problem, ProcessDefinition } from '@baton/flow';
import type { IsoDateTime } from './common.js';

/** GET /api/templates: built-in templates, then admin-published ones. */
export interface TemplateSummary {
  key: string;
  name: string;
  description: string | null;
  category: string | null;
  icon: string | null;
  /** Stage labels of the definition, in node order. */
  stages: string[];
  /** Roles the definition starts with or assigns work to. */
  roles: string[];
  /** Of `roles`, those no active user of this installation holds: install, then staff them. */
  missingRoles: string[];
  source: 'built-in' | 'admin';
  /** Admin templates: the template's version and the process version it was made from. */
  version?: number;
  processKey?: string;
  processVersion?: number;
  publishedAt?: IsoDateTime;
}

/** GET /api/templates/:key: with its definition, for the preview. */
export interface TemplateView extends TemplateSummary {
  definition: ProcessDefinition;
}

/** POST /api/templates/:key/install */
export interface InstallBody {
  /** The new process key; defaults to the template key. */
  key?: string;
  /** Publish at once (default: save as a draft). */
  publish?: boolean;
}

export interface Installed {
  templateKey: string;
  key: string;
  published: boolean;
  /** The published version, or null for a draft. */
  version: number | null;
  /** What would stop a publish of the draft (always empty once published). */
  problems: Problem[];
}

/** POST /api/templates (admin): publish a process's latest version as a template. */
export interface PublishTemplateBody {
  processKey: string;
  templateKey?: string;
  name?: string;
  description?: string;
  category?: string;
  icon?: string;
}
