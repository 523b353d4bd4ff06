// Where each node of a request stands, for the instance page's flow diagram:
// active now, done (completed at least once) or pending (not reached, or only
// cancelled). Pure: no React, no fetches.
import type { NodeStatus } from '../designer/model/graph-mapping';
import type { InstanceEvent, InstanceView } from '@baton/contracts';

export type { NodeStatus };

/**
 * Status per node id of the definition. An active node wins over an earlier
 * completion (a node returned to is active again). The model knows no
 * `rejected` status, so a node completed with a rejection is `done` too; the
 * timeline says how it ended.
 */
export function nodeStatuses(
  definition: { graph: { nodes: ReadonlyArray<{ id: string }> } },
  instance: Pick<InstanceView, 'activeNodes'>,
  events: ReadonlyArray<Pick<InstanceEvent, 'type' | 'nodeId'>>,
): Record<string, NodeStatus> {
  const active = new Set(instance.activeNodes);
  const completed = new Set<string>();
  for (const event of events)
    if (event.type === 'nodeCompleted' && event.nodeId) completed.add(event.nodeId);
  const statuses: Record<string, NodeStatus> = {};
  for (const { id } of definition.graph.nodes)
    statuses[id] = active.has(id) ? 'active' : completed.has(id) ? 'done' : 'pending';
  return statuses;
}
