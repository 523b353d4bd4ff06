import type { FieldPermission } from './permissions-types.js';
import { isPlainObject, type FieldError, type JsonSchema, type UiSchema } from './schema-types.js';

/**
 * Per-node field permissions (FLOW-DSL.md "Field permissions"). Permissions name top-level fields;
 * a table is one field, its rows and columns share its permission.
 */
export type FieldPermissions = Readonly<Record<string, FieldPermission>>;

export interface NodeContext {
  /** The start node: unnamed fields are editable and the schema's own `required` list applies. */
  isStart: boolean;
  /** Needed at start to apply the schema's own `required` list. */
  schema?: JsonSchema;
}

/** Top-level field keys, in the order the schema lists them. */
export function listFields(schema: JsonSchema): string[] {
  return isPlainObject(schema?.properties) ? Object.keys(schema.properties) : [];
}

function schemaRequired(schema: JsonSchema | undefined): string[] {
  return Array.isArray(schema?.required) ? schema.required : [];
}

function hasOwn(perms: FieldPermissions | undefined, field: string): perms is FieldPermissions {
  // An own-property check, so a field named like an Object.prototype member ("constructor") is not misread.
  return perms !== undefined && Object.prototype.hasOwnProperty.call(perms, field);
}

export function permissionAt(
  perms: FieldPermissions | undefined,
  field: string,
  ctx: NodeContext,
): FieldPermission {
  const named = hasOwn(perms, field) ? perms[field] : undefined;
  if (!ctx.isStart) return named ?? 'read';
  const permission = named ?? 'edit';
  // At start the schema's `required` list upgrades an editable field; an explicit hidden/read wins.
  return permission === 'edit' && schemaRequired(ctx.schema).includes(field)
    ? 'required'
    : permission;
}

function isWritable(permission: FieldPermission): boolean {
  return permission === 'edit' || permission === 'required';
}

export interface FormView {
  schema: JsonSchema;
  uiSchema: UiSchema;
  data: Record<string, unknown>;
}

export interface PermittedFormView extends FormView {
  /** The permission of every field the assignee can see; hidden fields are not listed. */
  permissions: Record<string, FieldPermission>;
}

/**
 * What the assignee at a node receives: hidden fields gone from the schema, the uiSchema and the
 * data; read fields read-only; exactly the node's required fields in `required`. Never mutates input.
 */
export function applyPermissions(
  form: FormView,
  perms: FieldPermissions | undefined,
  ctx: NodeContext,
): PermittedFormView {
  const schema = structuredClone(form.schema);
  const uiSchema = structuredClone(form.uiSchema ?? {});
  const permissions: Record<string, FieldPermission> = {};
  const hidden = new Set<string>();
  const required: string[] = [];
  const properties: Record<string, JsonSchema> = {};
  const startCtx = { ...ctx, schema: form.schema };

  for (const field of listFields(form.schema)) {
    const permission = permissionAt(perms, field, startCtx);
    if (permission === 'hidden') {
      hidden.add(field);
      delete uiSchema[field];
      continue;
    }
    permissions[field] = permission;
    const prop = structuredClone(form.schema.properties![field]);
    if (permission === 'read') {
      if (isPlainObject(prop)) prop.readOnly = true;
      uiSchema[field] = {
        ...(isPlainObject(uiSchema[field]) ? uiSchema[field] : {}),
        'ui:readonly': true,
      };
    }
    if (permission === 'required') required.push(field);
    properties[field] = prop;
  }

  if (isPlainObject(form.schema.properties)) schema.properties = properties;
  schema.required = required;
  stripDependencies(schema, hidden);
  // A whole-form default is data too.
  if (isPlainObject(schema.default)) for (const field of hidden) delete schema.default[field];
  if (Array.isArray(uiSchema['ui:order'])) {
    uiSchema['ui:order'] = (uiSchema['ui:order'] as unknown[]).filter(
      (k) => typeof k !== 'string' || !hidden.has(k),
    );
  }
  return { schema, uiSchema, data: filterData(form.data, perms, ctx), permissions };
}

/** draft-07 `dependencies` name fields too; a hidden field must not appear there either. */
function stripDependencies(schema: JsonSchema, hidden: ReadonlySet<string>): void {
  if (!isPlainObject(schema.dependencies) || hidden.size === 0) return;
  const out: Record<string, unknown> = {};
  for (const [key, dep] of Object.entries(schema.dependencies)) {
    if (hidden.has(key)) continue;
    out[key] = Array.isArray(dep) ? dep.filter((k) => !hidden.has(k as string)) : dep;
  }
  schema.dependencies = out;
}

/** The data without the fields hidden at the node (for list, export and audit views). */
export function filterData(
  data: Readonly<Record<string, unknown>> | undefined,
  perms: FieldPermissions | undefined,
  ctx: NodeContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data ?? {})) {
    // Hidden never depends on the schema's required list, so ctx.schema is not needed here.
    if (permissionAt(perms, key, { isStart: ctx.isStart }) !== 'hidden')
      out[key] = structuredClone(value);
  }
  return out;
}

/** Every written field the node refuses: not `edit`/`required` there, or not a field of the form. */
export function checkWrite(
  perms: FieldPermissions | undefined,
  written: Readonly<Record<string, unknown>>,
  ctx: NodeContext & { schema: JsonSchema },
): FieldError[] {
  const fields = new Set(listFields(ctx.schema));
  const errors: FieldError[] = [];
  for (const key of Object.keys(written ?? {})) {
    if (!fields.has(key)) {
      errors.push({ path: key, message: `"${key}" is not a field of this form` });
      continue;
    }
    const permission = permissionAt(perms, key, ctx);
    if (isWritable(permission)) continue;
    // For a hidden field, say no more than the writer already knows: its key.
    const title = ctx.schema.properties![key]?.title;
    const label =
      permission === 'read' && typeof title === 'string' && title.trim() !== '' ? title : key;
    errors.push({ path: key, message: `${label} cannot be changed at this step` });
  }
  return errors;
}

/** The fields that must be filled when the node's task is submitted or approved. */
export function requiredAt(
  perms: FieldPermissions | undefined,
  schema: JsonSchema,
  ctx: { isStart: boolean },
): string[] {
  return listFields(schema).filter(
    (field) => permissionAt(perms, field, { isStart: ctx.isStart, schema }) === 'required',
  );
}

/**
 * The data after a write, as a new object. A written `null` clears the field (JSON has no
 * `undefined`), so a cleared optional field is absent rather than a type error.
 */
export function mergeWrite(
  data: Readonly<Record<string, unknown>> | undefined,
  written: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone({ ...(data ?? {}) });
  for (const [key, value] of Object.entries(written ?? {})) {
    if (value === null || value === undefined) delete out[key];
    else out[key] = structuredClone(value);
  }
  return out;
}
