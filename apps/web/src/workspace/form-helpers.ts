// Pure helpers between the API's forms and @rjsf: the start form with the start
// node's permissions, server field errors on the right fields, translated client
// validation messages, and the data to send back.
import { applyPermissions, type JsonSchema, type UiSchema } from '@baton/forms';
import type { FieldPermission } from '@baton/forms';
import type { DefinitionLite } from './types';

export interface FormModel {
  schema: JsonSchema;
  uiSchema: UiSchema;
  data: Record<string, unknown>;
  permissions: Record<string, FieldPermission>;
}

/** What the initiator fills in: the form as the start node allows (hidden fields gone). */
export function startFormOf(definition: DefinitionLite): FormModel {
  const start = definition.graph.nodes.find((node) => node.type === 'start');
  const view = applyPermissions(
    { schema: definition.form.schema, uiSchema: definition.form.uiSchema ?? {}, data: {} },
    start?.fieldPermissions,
    { isStart: true },
  );
  return {
    schema: view.schema,
    uiSchema: view.uiSchema,
    data: view.data,
    permissions: view.permissions as Record<string, FieldPermission>,
  };
}

/** `items[0].qty` / `amount` / `["odd key"]` → ['items', '0', 'qty']. */
export function pathSegments(path: string): string[] {
  const out: string[] = [];
  const re = /\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\.?([^.[\]]+)/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(path)) !== null) {
    if (match[1] !== undefined) out.push(match[1]);
    else if (match[2] !== undefined) out.push(JSON.parse(`"${match[2]}"`) as string);
    else if (match[3] !== undefined) out.push(match[3].replace(/^\//, ''));
  }
  return out.filter((segment) => segment !== '');
}

/** rjsf's ErrorSchema: `{ amount: { __errors: ['…'] } }`, nested for tables. */
export interface ErrorTree {
  __errors?: string[];
  [key: string]: ErrorTree | string[] | undefined;
}

/**
 * The API's `invalid_form_data` fields as rjsf `extraErrors`, so each message sits
 * under its field. Paths that name no field of the form (e.g. `(data)`) are returned
 * separately for a banner.
 */
export function fieldErrorsToTree(
  fields: readonly { path: string; message: string }[],
  schema: JsonSchema,
): { tree: ErrorTree; unplaced: string[] } {
  const tree: ErrorTree = {};
  const unplaced: string[] = [];
  const known = new Set(Object.keys((schema.properties as Record<string, unknown>) ?? {}));
  for (const { path, message } of fields) {
    const segments = pathSegments(path);
    if (segments.length === 0 || !known.has(segments[0])) {
      unplaced.push(message);
      continue;
    }
    let node = tree;
    for (const segment of segments) {
      const next = (node[segment] as ErrorTree | undefined) ?? {};
      node[segment] = next;
      node = next;
    }
    node.__errors = [...(node.__errors ?? []), message];
  }
  return { tree, unplaced };
}

/** The subset of an ajv/rjsf error that we translate. */
export interface ClientError {
  name?: string;
  params?: Record<string, unknown>;
  message?: string;
  stack: string;
  property?: string;
}

type Translate = (key: string, vars?: Record<string, unknown>) => string;

const KNOWN = new Set([
  'required',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'pattern',
  'format',
  'type',
  'multipleOf',
  'enum',
]);

/** Row limits of a table read "at least 2 rows", not "pick at least 2". */
const ROW_LIMIT_KEYS: Record<string, string> = { minItems: 'minRows', maxItems: 'maxRows' };

/**
 * ajv's English messages in the user's language (keys under `form.error.*`).
 * `tables`: the keys of the form's table fields (table-field.ts `tableKeys`).
 */
export function translateClientErrors<E extends ClientError>(
  errors: E[],
  t: Translate,
  tables: ReadonlySet<string> = new Set(),
): E[] {
  return errors.map((error) => {
    if (!error.name || !KNOWN.has(error.name)) return error;
    const p = error.params ?? {};
    const limit = p.limit ?? p.multipleOf ?? '';
    const segments = pathSegments(error.property ?? '');
    const ofTable = segments.length === 1 && tables.has(segments[0]);
    const name = (ofTable && ROW_LIMIT_KEYS[error.name]) || error.name;
    const message = t(`form.error.${name}`, { limit: String(limit) });
    return { ...error, message, stack: message };
  });
}

/**
 * What to send on submit or approve: only fields this node may write (edit/required),
 * so a read-only field is never echoed back (the API refuses such writes).
 */
export function writableData(
  data: Record<string, unknown> | undefined,
  permissions: Record<string, FieldPermission> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data ?? {})) {
    const permission = permissions?.[key];
    if (permission !== 'edit' && permission !== 'required') continue;
    if (value === undefined) continue;
    out[key] = value;
  }
  return out;
}

/** Permissions of a task form: from the API when given, else read off `ui:readonly`. */
export function permissionsOf(form: {
  schema: JsonSchema;
  uiSchema: UiSchema;
  permissions?: Record<string, FieldPermission>;
}): Record<string, FieldPermission> {
  if (form.permissions) return form.permissions;
  const out: Record<string, FieldPermission> = {};
  const required = new Set(
    Array.isArray(form.schema.required) ? (form.schema.required as string[]) : [],
  );
  for (const key of Object.keys((form.schema.properties as Record<string, unknown>) ?? {})) {
    const ui = form.uiSchema[key] as Record<string, unknown> | undefined;
    out[key] = ui?.['ui:readonly'] ? 'read' : required.has(key) ? 'required' : 'edit';
  }
  return out;
}

/** Whether any field can be written at this node (else the form is shown read-only). */
export function hasWritableField(permissions: Record<string, FieldPermission>): boolean {
  return Object.values(permissions).some((p) => p === 'edit' || p === 'required');
}
