// 结束: the instance ends with the node's outcome; everything still open is cancelled.
import type { EndNode } from '../../definition.js';
import type { NodeBehavior } from './behavior.js';

export const end: NodeBehavior<EndNode> = {
  enter(run, node, act) {
    run.complete(act, 'passed');
    run.end(node.outcome ?? 'completed', 'end', node.id);
  },
};
