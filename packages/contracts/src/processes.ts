// Process definitions (docs/API.md "Process definitions"); the definition
// itself is @baton/flow's ProcessDefinition (docs/FLOW-DSL.md).
import type { Problem, ProcessDefinition } from '@baton/flow';
import type { IsoDateTime } from './common.js';

/** GET /api/processes: the published processes the caller may start. */
export interface ProcessSummary {
  key: string;
  name: string;
  category: string | null;
  description: string | null;
  latestVersion: number | null;
  /** Only with `?all=true` (designers, admins): whether a draft exists and whether the caller may start it. */
  hasDraft?: boolean;
  mayStart?: boolean;
}

/** GET /api/processes/:key */
export interface ProcessView {
  key: string;
  name: string;
  category: string | null;
  description: string | null;
  latestVersion: number | null;
  /**
   * The latest published definition (webhook header values hidden from
   * non-designers), or the draft if the process was never published.
   */
  definition: ProcessDefinition;
  /** Designers and admins only. */
  draft?: ProcessDefinition;
  mayStart: boolean;
  updatedAt: IsoDateTime;
}

/** POST /api/processes (and POST /api/processes/import without publish): the saved draft. */
export interface DraftSaved {
  key: string;
  name: string;
  category: string | null;
  latestVersion: number | null;
  draft: ProcessDefinition;
  /** What would stop a publish right now; a draft may be saved with them. */
  problems: Problem[];
  updatedAt: IsoDateTime;
}

/** POST /api/processes/:key/publish, and import or install with publish. */
export interface Published {
  key: string;
  version: number;
}

/** GET /api/processes/:key/versions: one published version, oldest first. */
export interface VersionInfo {
  key: string;
  version: number;
  publishedAt: IsoDateTime;
  publishedBy: string;
}

/** GET /api/processes/:key/versions/:version: a published, immutable version. */
export interface ProcessVersion extends VersionInfo {
  definition: ProcessDefinition;
}
