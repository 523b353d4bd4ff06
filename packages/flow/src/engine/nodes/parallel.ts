// 并行: every outgoing edge, conditions ignored.
import type { ParallelNode } from '../../definition.js';
import type { NodeBehavior } from './behavior.js';

export const parallel: NodeBehavior<ParallelNode> = {
  enter(run, node, act) {
    run.leave(act, 'passed', run.graph.outgoing.get(node.id) ?? []);
  },
};
