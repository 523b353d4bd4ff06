// 条件分支 (exclusive): the first outgoing edge whose condition holds, in array
// order, else the default edge. The others are discarded so joins downstream
// do not wait for them.
import type { BranchNode } from '../../definition.js';
import type { NodeBehavior } from './behavior.js';

export const branch: NodeBehavior<BranchNode> = {
  enter(run, node, act) {
    const out = run.graph.outgoing.get(node.id) ?? [];
    const chosen = run.route(out, 'first').slice(0, 1);
    if (out.length > 0 && chosen.length === 0) {
      run.incident(
        act,
        'no_branch_matched',
        `no condition of branch "${node.id}" holds and it has no default edge`,
      );
      return;
    }
    run.leave(act, 'passed', chosen);
  },
};
