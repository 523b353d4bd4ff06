// 办理: people handle something and submit (fill fields, upload proof).
// `any`: the first submission completes the node; `all`: everyone submits.
import type { TaskNode } from '../../definition.js';
import { assigneesFor, needFor, openWork, vote, type WorkHooks } from '../work.js';
import type { NodeBehavior } from './behavior.js';

const hooks: WorkHooks = {
  passed: (run, act) => run.leave(act, 'submitted'),
  // Task nodes take no rejection; an SLA autoReject cannot reach here either.
  rejected: (run, act) => run.leave(act, 'rejected'),
};

export const task: NodeBehavior<TaskNode> = {
  taskActions: ['submit'],
  delegable: true,
  enter(run, node, act) {
    const assignees = assigneesFor(run, node, act, 'submitted');
    if (!assignees) return;
    openWork(run, node, act, assignees, {
      need: needFor(node.mode ?? 'any', assignees.length),
      sequential: false,
      kind: 'task',
      hooks,
    });
  },
  onTaskDone(run, node, act, t, verdict) {
    vote(run, node, act, t, verdict, 'task', hooks);
  },
};
