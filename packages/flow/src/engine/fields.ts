// Field permissions at a node (FLOW-DSL.md "Field permissions"), checked by
// the engine as well as the API so a command can never write past them.
import type { FlowNode } from '../definition.js';
import { readPath } from '../duration.js';
import type { FieldPermission } from '@baton/forms';

export function permissionAt(node: FlowNode, field: string): FieldPermission {
  const perms = 'fieldPermissions' in node ? node.fieldPermissions : undefined;
  const own = perms?.[field];
  if (own) return own;
  return node.type === 'start' ? 'edit' : 'read';
}

/**
 * The first field the patch would change without permission. Fields sent
 * unchanged are fine: forms post back everything they show.
 */
export function firstForbiddenWrite(
  node: FlowNode,
  current: Record<string, unknown>,
  patch: Record<string, unknown>,
): string | undefined {
  for (const [field, value] of Object.entries(patch)) {
    const p = permissionAt(node, field);
    if (p === 'edit' || p === 'required') continue;
    if (JSON.stringify(current[field]) !== JSON.stringify(value)) return field;
  }
  return undefined;
}

export function firstMissingRequired(
  node: FlowNode,
  data: Record<string, unknown>,
): string | undefined {
  const perms = 'fieldPermissions' in node ? node.fieldPermissions : undefined;
  for (const [field, p] of Object.entries(perms ?? {})) {
    if (p !== 'required') continue;
    const v = readPath(data, field);
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0))
      return field;
  }
  return undefined;
}
