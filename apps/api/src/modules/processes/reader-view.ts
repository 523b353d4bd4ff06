// What people who do not design processes see of a published definition.
// Webhook headers often carry credentials (Authorization, API keys); only
// designers and admins, who write them, see their values.
import type { AutomationNode, FlowNode, ProcessDefinition } from '@baton/flow';

export const HIDDEN_VALUE = '[hidden]';

export function redactForReader(definition: ProcessDefinition): ProcessDefinition {
  const nodes = definition.graph?.nodes;
  if (!Array.isArray(nodes) || !nodes.some(hasWebhookHeaders)) return definition;
  return {
    ...definition,
    graph: {
      ...definition.graph,
      nodes: nodes.map((node) => {
        if (!hasWebhookHeaders(node)) return node;
        const action = node.action as Extract<AutomationNode['action'], { kind: 'webhook' }>;
        const headers = Object.fromEntries(
          Object.keys(action.headers ?? {}).map((name) => [name, HIDDEN_VALUE]),
        );
        return { ...node, action: { ...action, headers } };
      }),
    },
  };
}

function hasWebhookHeaders(node: FlowNode): node is AutomationNode {
  if (node?.type !== 'automation') return false;
  const action = node.action as { kind?: unknown; headers?: unknown } | undefined;
  return (
    action?.kind === 'webhook' &&
    typeof action.headers === 'object' &&
    action.headers !== null &&
    Object.keys(action.headers).length > 0
  );
}
