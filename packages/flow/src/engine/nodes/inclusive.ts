// 包容分支: every outgoing edge whose condition holds, else the default edge.
import type { InclusiveNode } from '../../definition.js';
import type { NodeBehavior } from './behavior.js';

export const inclusive: NodeBehavior<InclusiveNode> = {
  enter(run, node, act) {
    const out = run.graph.outgoing.get(node.id) ?? [];
    const chosen = run.route(out, 'all');
    if (out.length > 0 && chosen.length === 0) {
      run.incident(
        act,
        'no_branch_matched',
        `no condition of "${node.id}" holds and it has no default edge`,
      );
      return;
    }
    run.leave(act, 'passed', chosen);
  },
};
