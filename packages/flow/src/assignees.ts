// Assignee rules (FLOW-DSL.md "Assignee rules") resolved against a directory
// snapshot. The result is the union of the rules in order, without duplicates.
import type { AssigneeRule, Directory } from './definition.js';
import { readPath } from './duration.js';

export interface AssigneeContext {
  directory: Directory;
  /** The instance's initiator: `initiator` and `manager` rules are relative to them. */
  initiatorId: string | null;
  data: Record<string, unknown>;
  /**
   * Whose manager a `manager` rule means; defaults to the initiator. SLA
   * escalation sets it to the overdue task's assignee.
   */
  subjectId?: string | null;
}

export function resolveAssignees(
  rules: readonly AssigneeRule[] | undefined,
  ctx: AssigneeContext,
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (id: unknown) => {
    if (typeof id !== 'string' || id.length === 0 || seen.has(id)) return;
    seen.add(id);
    out.push(id);
  };
  for (const rule of rules ?? []) {
    for (const id of resolveRule(rule, ctx)) add(id);
  }
  return out;
}

export function resolveRule(rule: AssigneeRule, ctx: AssigneeContext): unknown[] {
  const { directory } = ctx;
  switch (rule.kind) {
    case 'user':
      return Array.isArray(rule.ids) ? rule.ids : [];
    case 'role':
      return directory.usersWithRole(rule.role) ?? [];
    case 'initiator':
      return ctx.initiatorId ? [ctx.initiatorId] : [];
    case 'manager': {
      const subject = ctx.subjectId ?? ctx.initiatorId;
      if (!subject) return [];
      const found = directory.managerOf(subject, Math.max(1, Math.floor(rule.level ?? 1)));
      return found ? [found] : [];
    }
    case 'field': {
      // A field holds one user id or a list of them; anything else names nobody.
      const value = readPath(ctx.data, rule.field);
      if (typeof value === 'string') return [value];
      return Array.isArray(value) ? value : [];
    }
    case 'departmentHead': {
      const head = directory.departmentHead(rule.departmentId);
      return head ? [head] : [];
    }
    default:
      return [];
  }
}
