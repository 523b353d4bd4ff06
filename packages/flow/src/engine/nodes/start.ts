// 发起: the initiator fills the form. The first time the start command has
// already submitted it; after a return the initiator gets a `resubmit` task
// here to edit the form and submit it again.
import type { StartNode } from '../../definition.js';
import { openWork, vote, type WorkHooks } from '../work.js';
import type { NodeBehavior } from './behavior.js';

const hooks: WorkHooks = {
  passed: (run, act) => run.leave(act, 'submitted'),
  rejected: (run, act) => run.leave(act, 'submitted'),
};

export const start: NodeBehavior<StartNode> = {
  taskActions: ['submit'],
  enter(run, node, act) {
    const initiator = run.state.initiatorId;
    const returned = run.state.history.some((v) => v.nodeId === node.id);
    if (!returned || !initiator) {
      run.leave(act, 'submitted');
      return;
    }
    openWork(run, node, act, [initiator], { need: 1, sequential: false, kind: 'resubmit', hooks });
  },
  onTaskDone(run, node, act, t, verdict) {
    vote(run, node, act, t, verdict, 'resubmit', hooks);
  },
};
