// The one statement that applies a transition: the instance's new state and
// everything its effects mean (tasks, timers, outbox, audit events,
// notifications, incidents and the command's mark), as data-modifying CTEs that all
// hang off the guarded instance UPDATE. If another transition committed
// since the state was read (the row's xmin moved), the UPDATE matches
// nothing, so nothing else is written and the statement returns no row: the
// caller reads again and retries. One round trip, one atomic commit.
// Pure: it builds SQL text and parameters, it runs nothing.
import type { PersistencePlan } from './persistence-plan.js';

export interface TransitionWrite {
  commandId: string;
  instanceId: string;
  /** The instance row's xmin when its state was read. */
  xmin: string;
  state: unknown;
  status: string;
  eventSeq: number;
  endedAt: string | null;
  plan: PersistencePlan;
  /** The timer whose firing this command is (timerFired). */
  firedTimerId?: string;
}

export interface Statement {
  text: string;
  values: unknown[];
}

export function transitionWrite(w: TransitionWrite): Statement {
  const values: unknown[] = [];
  const $ = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const json = (v: unknown) => `${$(JSON.stringify(v))}::jsonb`;
  const p = w.plan;
  const ctes: string[] = [
    `upd AS (UPDATE instances SET state = ${json(w.state)}, status = ${$(w.status)}, event_seq = ${$(w.eventSeq)}, ended_at = ${$(w.endedAt)}::timestamptz, updated_at = now()
      WHERE id = ${$(w.instanceId)} AND xmin = ${$(w.xmin)}::xid RETURNING id, process_key, title)`,
    `cmd AS (UPDATE commands SET status = 'applied', result = '{"ok":true}'::jsonb, applied_at = now() FROM upd WHERE commands.id = ${$(w.commandId)})`,
  ];
  if (p.newTasks.length) {
    ctes.push(`new_tasks AS (INSERT INTO tasks (id, instance_id, process_key, node_id, node_name, kind, title, assignee_id, status, created_at, due_at, warn_at)
      SELECT t.id, upd.id, upd.process_key, t."nodeId", t."nodeName", t.kind, upd.title, t."assigneeId"::uuid, 'open', t."createdAt", t."dueAt", t."warnAt"
      FROM upd, jsonb_to_recordset(${json(p.newTasks)}) AS t(id text, "nodeId" text, "nodeName" text, kind text, "assigneeId" text, "createdAt" timestamptz, "dueAt" timestamptz, "warnAt" timestamptz))`);
  }
  if (p.closedTasks.length) {
    ctes.push(`closed_tasks AS (UPDATE tasks SET status = c.status, action = c.action, completed_at = c.at
      FROM upd, jsonb_to_recordset(${json(p.closedTasks)}) AS c(id text, status text, action text, at timestamptz) WHERE tasks.id = c.id)`);
  }
  // Within one statement a row written by one CTE is invisible to the others,
  // so a timer scheduled and cancelled by the same transition is inserted
  // cancelled, and the fired timer is marked by one CTE only.
  const cancelled = new Set(p.cancelledTimers);
  if (p.timers.length) {
    const timers = p.timers.map((t) => ({
      ...t,
      status: cancelled.has(t.id) ? 'cancelled' : 'scheduled',
    }));
    ctes.push(`new_timers AS (INSERT INTO timers (id, instance_id, at, purpose, status)
      SELECT t.id, upd.id, t.at, t.purpose, t.status FROM upd, jsonb_to_recordset(${json(timers)}) AS t(id text, at timestamptz, purpose text, status text))`);
  }
  const inserted = new Set(p.timers.map((t) => t.id));
  const toCancel = p.cancelledTimers.filter((id) => !inserted.has(id) && id !== w.firedTimerId);
  if (toCancel.length) {
    ctes.push(`cancelled_timers AS (UPDATE timers SET status = 'cancelled' FROM upd
      WHERE timers.id = ANY(${$(toCancel)}::text[]) AND timers.status = 'scheduled')`);
  }
  if (w.firedTimerId) {
    ctes.push(`fired_timer AS (UPDATE timers SET status = 'fired' FROM upd
      WHERE timers.id = ${$(w.firedTimerId)} AND timers.status = 'scheduled')`);
  }
  if (p.outbox.length) {
    ctes.push(`new_outbox AS (INSERT INTO outbox (kind, payload, available_at)
      SELECT o.kind, o.payload, o."availableAt" FROM upd, jsonb_to_recordset(${json(p.outbox)}) AS o(kind text, payload jsonb, "availableAt" timestamptz))`);
  }
  if (p.events.length) {
    const seq0 = w.eventSeq - p.events.length;
    const events = p.events.map((e, i) => ({ ...e, seq: seq0 + i + 1 }));
    ctes.push(`new_events AS (INSERT INTO events (instance_id, seq, type, actor_id, node_id, task_id, at, payload)
      SELECT upd.id, e.seq, e.type, e."actorId", e."nodeId", e."taskId", e.at, e.payload
      FROM upd, jsonb_to_recordset(${json(events)}) AS e(type text, "actorId" text, "nodeId" text, "taskId" text, at timestamptz, payload jsonb, seq int))`);
  }
  if (p.notifications.length) {
    ctes.push(`new_notifications AS (INSERT INTO notifications (user_id, kind, instance_id, task_id, actor_id, message)
      SELECT n."userId"::uuid, n.kind, upd.id, n."taskId", n."actorId", n.message
      FROM upd, jsonb_to_recordset(${json(p.notifications)}) AS n("userId" text, kind text, "taskId" text, "actorId" text, message text))`);
  }
  const resolved = new Set(p.resolvedIncidents);
  if (p.incidents.length) {
    const incidents = p.incidents.map((i) => ({ ...i, resolved: resolved.has(i.id) }));
    ctes.push(`new_incidents AS (INSERT INTO incidents (id, instance_id, node_id, source, code, message, created_at, resolved_at)
      SELECT i.id, upd.id, i."nodeId", 'engine', i.code, i.message, i."createdAt", CASE WHEN i.resolved THEN now() END
      FROM upd, jsonb_to_recordset(${json(incidents)}) AS i(id text, "nodeId" text, code text, message text, "createdAt" timestamptz, resolved boolean)
      ON CONFLICT (id) DO NOTHING)`);
  }
  const newIncidents = new Set(p.incidents.map((i) => i.id));
  const toResolve = p.resolvedIncidents.filter((id) => !newIncidents.has(id));
  if (toResolve.length) {
    ctes.push(`resolved_incidents AS (UPDATE incidents SET resolved_at = now() FROM upd
      WHERE incidents.id = ANY(${$(toResolve)}::text[]))`);
  }
  return { text: `WITH ${ctes.join(',\n')}\nSELECT true AS applied FROM upd`, values };
}

/** Marks a refused command, if the instance is still as it was read. */
export function refusalWrite(w: {
  commandId: string;
  instanceId: string;
  xmin: string;
  result: unknown;
}): Statement {
  const values: unknown[] = [w.commandId, JSON.stringify(w.result), w.instanceId, w.xmin];
  // Wrapped in a SELECT so every driver returns plain rows.
  return {
    text: `WITH r AS (UPDATE commands SET status = 'refused', result = $2::jsonb, applied_at = now()
      WHERE id = $1 AND status = 'queued' AND EXISTS (SELECT 1 FROM instances WHERE id = $3 AND xmin = $4::xid)
      RETURNING id) SELECT true AS applied FROM r`,
    values,
  };
}
