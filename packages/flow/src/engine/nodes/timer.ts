// 定时: waits for a delay, or until a date field of the form moved by an
// offset. A time already past lets the token through at once.
import type { TimerNode } from '../../definition.js';
import { addDuration, fieldTime, toIso } from '../../duration.js';
import type { NodeBehavior } from './behavior.js';

export const timer: NodeBehavior<TimerNode> = {
  enter(run, node, act) {
    const at = node.delay
      ? addDuration(run.nowMs, node.delay)
      : node.until
        ? fieldTime(run.state.data, node.until.field, node.until.offset)
        : NaN;
    if (Number.isNaN(at)) {
      run.incident(act, 'invalid_timer', `timer "${node.id}" has no usable delay or date field`);
      return;
    }
    if (at <= run.nowMs) {
      run.leave(act, 'passed');
      return;
    }
    act.timerId = run.newId('timer');
    run.scheduleTimer({
      id: act.timerId,
      at: toIso(at),
      purpose: 'node',
      nodeId: node.id,
      activationId: act.id,
    });
  },
  onTimer(run, _node, act) {
    delete act.timerId;
    run.leave(act, 'passed');
  },
};
