// Pure helpers of the template gallery: grouping, links into other areas,
// install-key checks and JSON import/export. No React, no DOM.
import type { ProcessSummary, TemplateSummary } from '@baton/contracts';

export interface TemplateGroup {
  /** null: templates without a category (shown last, as "其他"). */
  category: string | null;
  items: TemplateSummary[];
}

/** Templates by category, categories in order of first appearance, the uncategorised last. */
export function groupTemplates(templates: readonly TemplateSummary[]): TemplateGroup[] {
  const groups = new Map<string | null, TemplateSummary[]>();
  for (const template of templates) {
    const category = template.category?.trim() || null;
    const list = groups.get(category) ?? [];
    list.push(template);
    groups.set(category, list);
  }
  const out = [...groups.entries()].map(([category, items]) => ({ category, items }));
  return [...out.filter((g) => g.category !== null), ...out.filter((g) => g.category === null)];
}

/**
 * The app path for a route pattern such as `designer/:key`, if the route table
 * has that pattern; null otherwise (the screen is not built yet).
 */
export function linkTo(
  routePaths: readonly string[],
  pattern: string,
  params: Record<string, string>,
): string | null {
  if (!routePaths.includes(pattern)) return null;
  const path = pattern.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? ''),
  );
  return `/${path}`;
}

/** The process key rule of the API (templates.schemas.ts). */
export const PROCESS_KEY = /^[a-z][a-z0-9-]{1,62}$/;

export function isValidKey(key: string): boolean {
  return PROCESS_KEY.test(key);
}

/** Processes that can become a template: those with a published version. */
export function publishableProcesses(processes: readonly ProcessSummary[]): ProcessSummary[] {
  return processes.filter((p) => p.latestVersion !== null);
}

/** Processes a template install may have created: same key, or the key given at install. */
export function isInstalled(
  template: TemplateSummary,
  processes: readonly ProcessSummary[],
): boolean {
  return processes.some((p) => p.key === template.key);
}

export function exportFileName(key: string): string {
  return `${key}.baton.json`;
}

export type ImportProblem = 'invalid_json' | 'not_definition';

/**
 * Reads an exported definition file. Only the outline is checked here; the
 * server validates the rest and answers with problems.
 */
export function parseDefinitionFile(
  text: string,
):
  | { ok: true; definition: Record<string, unknown>; key: string }
  | { ok: false; problem: ImportProblem } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'invalid_json' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, problem: 'not_definition' };
  const record = value as Record<string, unknown>;
  const graph = record.graph as Record<string, unknown> | undefined;
  if (
    typeof record.key !== 'string' ||
    typeof graph !== 'object' ||
    graph === null ||
    !Array.isArray(graph.nodes)
  )
    return { ok: false, problem: 'not_definition' };
  return { ok: true, definition: record, key: record.key };
}
