// 抄送: tells people and never blocks.
import { resolveAssignees } from '../../assignees.js';
import type { CcNode } from '../../definition.js';
import type { NodeBehavior } from './behavior.js';

export const cc: NodeBehavior<CcNode> = {
  enter(run, node, act) {
    const userIds = resolveAssignees(node.recipients, {
      directory: run.ctx.directory,
      initiatorId: run.state.initiatorId,
      data: run.state.data,
    });
    if (userIds.length > 0) run.emit({ type: 'notify', kind: 'cc', userIds, nodeId: node.id });
    run.leave(act, 'passed');
  },
};
