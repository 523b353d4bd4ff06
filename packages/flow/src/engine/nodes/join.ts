// 汇合: fires once per round, when every inbound edge was taken or discarded
// (Run.arrive and rounds.ts keep the rounds). A round with nothing taken
// discards onward instead, so a join on a dead path never fires.
import type { JoinNode } from '../../definition.js';
import type { NodeBehavior } from './behavior.js';

export const join: NodeBehavior<JoinNode> = {
  gathers: true,
  enter(run, node, act) {
    run.leave(act, 'passed', run.graph.outgoing.get(node.id) ?? []);
  },
};
