// 审批: people approve or reject. Modes any / all / sequential / vote share
// one rule: the node passes when enough slots approved, and is rejected as
// soon as a rejection makes passing impossible. Rejection ends the instance
// or returns it, per onReject.
import type { ApprovalNode } from '../../definition.js';
import type { Run } from '../run.js';
import type { Activation } from '../types.js';
import { assigneesFor, needFor, openWork, vote, type WorkHooks } from '../work.js';
import type { NodeBehavior } from './behavior.js';

function hooks(node: ApprovalNode): WorkHooks {
  return {
    passed: (run, act) => run.leave(act, 'approved'),
    rejected: (run, act) => rejectNode(run, node, act),
  };
}

export const approval: NodeBehavior<ApprovalNode> = {
  taskActions: ['approve', 'reject'],
  delegable: true,
  enter(run, node, act) {
    const assignees = assigneesFor(run, node, act, 'approved');
    if (!assignees) return;
    const mode = node.mode ?? 'any';
    openWork(run, node, act, assignees, {
      need: needFor(mode, assignees.length, node.passRatio),
      sequential: mode === 'sequential',
      kind: 'approval',
      hooks: hooks(node),
    });
  },
  onTaskDone(run, node, act, task, verdict) {
    vote(run, node, act, task, verdict, 'approval', hooks(node));
  },
};

/**
 * onReject `return` goes back only to a node every path here passes through
 * (see GraphIndex.dominates); a target that is not one ends the instance
 * rejected rather than leaving a join waiting forever.
 */
function rejectNode(run: Run, node: ApprovalNode, act: Activation): void {
  run.complete(act, 'rejected');
  const onReject = node.onReject;
  if (onReject?.action === 'return') {
    const target = onReject.to === 'initiator' ? run.graph.start?.id : onReject.to;
    const kind = target ? run.node(target)?.type : undefined;
    const returnable = kind === 'start' || kind === 'approval' || kind === 'task';
    if (target && returnable && target !== node.id && run.graph.dominates(target, node.id)) {
      run.returnTo(target, { nodeId: node.id, actorId: 'system' });
      return;
    }
  }
  run.end('rejected', 'rejected', node.id);
}
