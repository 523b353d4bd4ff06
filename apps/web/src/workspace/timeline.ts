// The progress timeline as plain data, built from the audit trail
// (GET /api/instances/:id/events). Rendering maps ids to names and kinds to text.
import type { InstanceEvent } from '@baton/contracts';

export type TimelineKind =
  | 'started'
  | 'approved'
  | 'rejected'
  | 'submitted'
  | 'returned'
  | 'transferred'
  | 'signersAdded'
  | 'commented'
  | 'ended'
  | 'incident'
  | 'pending';

export interface TimelineEntry {
  key: string;
  kind: TimelineKind;
  at?: string;
  actorId?: string;
  nodeId?: string;
  comment?: string;
  /** returned: where the request went back to (`initiator` for the start node). */
  targetNodeId?: string;
  /** transferred: the new holder; signersAdded: the added people; pending: the holder. */
  userIds?: string[];
  position?: 'before' | 'after';
  /** ended: the instance status. */
  status?: string;
  /** The engine decided (SLA, dedupe) instead of a person. */
  auto?: string;
  message?: string;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * One entry per thing a person would want to read: who started it, who approved,
 * rejected, submitted, returned, transferred, added signers or commented (with the
 * comment), incidents, how it ended, and who holds it now (`pending`, last).
 */
export function buildTimeline(events: readonly InstanceEvent[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const open = new Map<string, { nodeId?: string; assigneeId?: string; at: string }>();
  const returnsByTask = new Map<string, InstanceEvent>();
  for (const event of events) {
    if (event.type === 'returned' && event.taskId) returnsByTask.set(event.taskId, event);
  }
  let ended = false;

  events.forEach((event, index) => {
    const base = {
      key: `${event.seq}`,
      at: event.at,
      actorId: event.actorId,
      nodeId: event.nodeId,
    };
    const p = event.payload ?? {};
    switch (event.type) {
      case 'instanceStarted':
        entries.push({ ...base, kind: 'started', actorId: event.actorId ?? str(p.initiatorId) });
        break;
      case 'taskCreated':
        if (event.taskId)
          open.set(event.taskId, {
            nodeId: event.nodeId,
            assigneeId: str(p.assigneeId),
            at: event.at,
          });
        break;
      case 'taskCompleted': {
        if (event.taskId) open.delete(event.taskId);
        const action = str(p.action);
        const comment = str(p.comment);
        const auto = str(p.auto);
        const extra = { ...(comment ? { comment } : {}), ...(auto ? { auto } : {}) };
        if (action === 'approve') entries.push({ ...base, ...extra, kind: 'approved' });
        else if (action === 'reject') entries.push({ ...base, ...extra, kind: 'rejected' });
        else if (action === 'return') {
          const returned = event.taskId ? returnsByTask.get(event.taskId) : undefined;
          entries.push({
            ...base,
            ...extra,
            kind: 'returned',
            targetNodeId: str(returned?.payload?.toNodeId),
          });
        } else entries.push({ ...base, ...extra, kind: 'submitted' });
        break;
      }
      case 'returned':
        // A hand return is already shown with its task; this is an automatic one (onReject).
        if (
          event.taskId &&
          events.some((e) => e.type === 'taskCompleted' && e.taskId === event.taskId)
        )
          break;
        entries.push({
          ...base,
          kind: 'returned',
          targetNodeId: str(p.toNodeId),
          nodeId: str(p.fromNodeId) ?? event.nodeId,
        });
        break;
      case 'taskCancelled': {
        const was = event.taskId ? open.get(event.taskId) : undefined;
        if (event.taskId) open.delete(event.taskId);
        if (str(p.reason) !== 'transferred') break;
        // The new holder is the next task created at the same node.
        const next = events
          .slice(index + 1)
          .find((e) => e.type === 'taskCreated' && e.nodeId === (event.nodeId ?? was?.nodeId));
        const to = str(next?.payload?.assigneeId);
        entries.push({ ...base, kind: 'transferred', ...(to ? { userIds: [to] } : {}) });
        break;
      }
      case 'signersAdded': {
        const userIds = Array.isArray(p.userIds)
          ? p.userIds.filter((u): u is string => typeof u === 'string')
          : [];
        const position = p.position === 'before' ? 'before' : 'after';
        entries.push({ ...base, kind: 'signersAdded', userIds, position });
        break;
      }
      case 'commentAdded':
        entries.push({ ...base, kind: 'commented', comment: str(p.comment) ?? '' });
        break;
      case 'incident': {
        const incident = (p.incident ?? {}) as Record<string, unknown>;
        entries.push({
          ...base,
          kind: 'incident',
          message: str(incident.message) ?? str(incident.code) ?? '',
        });
        break;
      }
      case 'instanceEnded':
        ended = true;
        open.clear();
        entries.push({ ...base, kind: 'ended', status: str(p.status) ?? 'completed' });
        break;
      default:
        break;
    }
  });

  if (!ended) {
    // Who holds it now, one entry per node (several holders in 会签 share a line).
    const byNode = new Map<string, { at: string; userIds: string[] }>();
    for (const task of open.values()) {
      const node = task.nodeId ?? '';
      const entry = byNode.get(node) ?? { at: task.at, userIds: [] };
      if (task.assigneeId && !entry.userIds.includes(task.assigneeId))
        entry.userIds.push(task.assigneeId);
      byNode.set(node, entry);
    }
    for (const [nodeId, { at, userIds }] of byNode) {
      entries.push({
        key: `pending-${nodeId}`,
        kind: 'pending',
        at,
        nodeId: nodeId || undefined,
        userIds,
      });
    }
  }
  return entries;
}

/** antd Timeline dot colours. */
export function timelineColor(kind: TimelineKind, status?: string): string {
  switch (kind) {
    case 'approved':
    case 'submitted':
      return 'green';
    case 'rejected':
    case 'incident':
      return 'red';
    case 'returned':
    case 'transferred':
    case 'signersAdded':
      return 'orange';
    case 'ended':
      return status === 'approved' || status === 'completed'
        ? 'green'
        : status === 'rejected'
          ? 'red'
          : 'gray';
    case 'pending':
      return 'blue';
    default:
      return 'blue';
  }
}

/**
 * Where an approver may return the request: nodes the instance has already entered
 * or completed (people steps only, first visit order), without the current node.
 * The start node is offered as 发起人 (`initiator`) by the caller, so it is left out.
 */
export function returnTargets(
  events: readonly InstanceEvent[],
  nodes: readonly { id: string; type: string; name?: string }[],
  currentNodeId: string,
): { nodeId: string; name: string }[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const seen = new Set<string>();
  const out: { nodeId: string; name: string }[] = [];
  for (const event of events) {
    if (event.type !== 'nodeCompleted' && event.type !== 'nodeEntered') continue;
    const id = event.nodeId;
    if (!id || seen.has(id) || id === currentNodeId) continue;
    seen.add(id);
    const node = byId.get(id);
    if (!node || (node.type !== 'approval' && node.type !== 'task')) continue;
    out.push({ nodeId: id, name: node.name || id });
  }
  return out;
}
