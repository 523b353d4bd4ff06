// Which form fields a reader of an instance may see. A reader sees a field
// when any of their views of the instance shows it: the start form (as the
// initiator), each node where they hold or held a task, and a CC (which
// shows what is not hidden anywhere it is named). Admins see everything.
import { permissionAt, listFields, type JsonSchema } from '@baton/forms';
import type { ProcessDefinition } from '@baton/flow';

export interface Reader {
  isAdmin: boolean;
  isInitiator: boolean;
  /** Nodes where the reader holds or held a task. */
  taskNodeIds: string[];
  isCcRecipient: boolean;
}

export function visibleFields(definition: ProcessDefinition, reader: Reader): Set<string> {
  const schema = definition.form.schema as JsonSchema;
  const fields = listFields(schema);
  if (reader.isAdmin) return new Set(fields);
  const nodes = new Map(definition.graph.nodes.map((n) => [n.id, n]));
  const views: { perms: Record<string, string> | undefined; isStart: boolean }[] = [];
  const start = definition.graph.nodes.find((n) => n.type === 'start');
  if (reader.isInitiator && start) views.push({ perms: permsOf(start), isStart: true });
  for (const id of new Set(reader.taskNodeIds)) {
    const node = nodes.get(id);
    if (node) views.push({ perms: permsOf(node), isStart: node.type === 'start' });
  }
  if (reader.isCcRecipient) views.push({ perms: undefined, isStart: false });
  const visible = new Set<string>();
  for (const field of fields) {
    if (
      views.some(
        (v) => permissionAt(v.perms as never, field, { isStart: v.isStart, schema }) !== 'hidden',
      )
    )
      visible.add(field);
  }
  return visible;
}

function permsOf(node: object): Record<string, string> | undefined {
  return 'fieldPermissions' in node ? (node.fieldPermissions as Record<string, string>) : undefined;
}

export function pickFields(
  data: Record<string, unknown>,
  visible: Set<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data ?? {})) if (visible.has(k)) out[k] = v;
  return out;
}

/** An audit event as a reader may see it: field changes to hidden fields are left out entirely. */
export function eventVisible(
  event: { type: string; payload: Record<string, unknown> },
  visible: Set<string>,
): boolean {
  if (event.type === 'fieldChanged') return visible.has(String(event.payload.field));
  return true;
}
