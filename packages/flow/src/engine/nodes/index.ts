// The node kinds, one file each.
import type { FlowNode, NodeType } from '../../definition.js';
import { approval } from './approval.js';
import { automation } from './automation.js';
import type { NodeBehavior } from './behavior.js';
import { branch } from './branch.js';
import { cc } from './cc.js';
import { end } from './end.js';
import { inclusive } from './inclusive.js';
import { join } from './join.js';
import { parallel } from './parallel.js';
import { start } from './start.js';
import { task } from './task.js';
import { timer } from './timer.js';

type Behaviors = { [K in NodeType]: NodeBehavior<Extract<FlowNode, { type: K }>> };

const behaviors: Behaviors = {
  start,
  approval,
  task,
  cc,
  branch,
  inclusive,
  parallel,
  join,
  timer,
  automation,
  end,
};

/** A node of an unknown kind only passes its token on. */
const passThrough: NodeBehavior = { enter: (run, _node, act) => run.leave(act, 'passed') };

export function behaviorOf(node: FlowNode): NodeBehavior {
  return (behaviors[node.type] as NodeBehavior | undefined) ?? passThrough;
}
