// What the gallery says about an admin template's definition: its stages
// and the roles it needs, derived the way the built-in templates declare them.
import type { AssigneeRule, FlowNode, ProcessDefinition } from '@baton/flow';

export function stagesOf(definition: ProcessDefinition): string[] {
  const stages = (definition.graph?.nodes ?? []).map((n) => (n as { stage?: unknown }).stage);
  return [...new Set(stages.filter((s): s is string => typeof s === 'string' && s.length > 0))];
}

/** Roles named by starters, assignees and escalation targets, first mention first. */
export function rolesOf(definition: ProcessDefinition): string[] {
  const rules: AssigneeRule[] = [...(definition.settings?.starters ?? [])];
  for (const node of (definition.graph?.nodes ?? []) as FlowNode[]) {
    const n = node as { assignees?: AssigneeRule[]; sla?: { onOverdue?: { to?: AssigneeRule } } };
    rules.push(...(n.assignees ?? []));
    if (n.sla?.onOverdue?.to) rules.push(n.sla.onOverdue.to);
  }
  const roles = rules
    .filter((r): r is Extract<AssigneeRule, { kind: 'role' }> => r?.kind === 'role')
    .map((r) => r.role);
  return [...new Set(roles)];
}
