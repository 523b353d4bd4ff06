// Conditions and default edges. Only branch and inclusive nodes choose
// between their outgoing edges, so only their edges carry conditions, and
// each of them needs exactly one default so that a choice always exists.
import type { FlowEdge } from '../definition.js';
import { checkLogic, type Context } from './context.js';
import { describeEdge, describeNode } from './describe.js';

const CHOOSERS = new Set(['branch', 'inclusive']);

const hasCondition = (edge: FlowEdge) => edge.condition !== undefined && edge.condition !== null;

export function checkEdges(ctx: Context): void {
  const { graph, problems } = ctx;
  for (const id of graph.order) {
    const node = graph.nodes.get(id)!;
    const outbound = graph.outgoing.get(id)!;
    if (!CHOOSERS.has(node.type)) {
      for (const edge of outbound) {
        if (hasCondition(edge) || edge.default === true) {
          problems.edge(
            'unexpected_condition',
            edge,
            `${describeEdge(edge)} has a ${hasCondition(edge) ? 'condition' : 'default flag'}, but it leaves ${describeNode(node)}; only edges out of branch and inclusive nodes choose.`,
          );
        }
      }
      continue;
    }
    const defaults = outbound.filter((edge) => edge.default === true);
    if (defaults.length === 0) {
      problems.node(
        'missing_default',
        node,
        `${describeNode(node)} has no default edge; mark one outgoing edge as the default, taken when no condition holds.`,
      );
    } else if (defaults.length > 1) {
      problems.node(
        'multiple_default',
        node,
        `${describeNode(node)} has ${defaults.length} default edges (${defaults.map((e) => e.id).join(', ')}); it needs exactly one.`,
      );
    }
    for (const edge of outbound) {
      if (edge.default === true && hasCondition(edge)) {
        problems.edge(
          'default_with_condition',
          edge,
          `${describeEdge(edge)} is the default edge of ${describeNode(node)} and also has a condition; a default edge has none.`,
        );
      } else if (edge.default !== true && !hasCondition(edge)) {
        problems.edge(
          'missing_condition',
          edge,
          `${describeEdge(edge)} leaves ${describeNode(node)} without a condition; give it one or make it the default edge.`,
        );
      }
    }
  }
  // Conditions are read on every edge, so a bad one is reported even where it is also misplaced.
  ctx.definition.graph.edges.forEach((edge, i) => {
    if (!hasCondition(edge)) return;
    checkLogic(ctx, edge.condition, `The condition of ${describeEdge(edge)}`, {
      edgeId: edge.id,
      path: `/graph/edges/${i}/condition`,
    });
  });
}
