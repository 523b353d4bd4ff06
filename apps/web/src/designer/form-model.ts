// The form designer's model: a FormField[] edited by pure functions, and its
// way into and out of a definition (compileForm / fieldsFromSchema). New
// fields are valid from the start (a select comes with two options, a table
// with one column, keys are unique), so the form always compiles.
import {
  FIELD_CATALOGUE,
  FIELD_KEY,
  compileForm,
  fieldProblems,
  type FieldGroup,
  type FieldType,
  type FieldTypeInfo,
  type FormField,
} from '@baton/forms';
import type { ProcessDefinition } from '@baton/flow';
import { formFields } from './model';

export type Lang = 'zh-CN' | 'en';

export const FIELD_GROUPS: readonly FieldGroup[] = [
  'basic',
  'choice',
  'date',
  'people',
  'attachment',
  'layout',
];

/** The palette: catalogue entries by group, in catalogue order. */
export function paletteGroups(): { group: FieldGroup; items: FieldTypeInfo[] }[] {
  return FIELD_GROUPS.map((group) => ({
    group,
    items: FIELD_CATALOGUE.filter((info) => info.group === group),
  })).filter((g) => g.items.length > 0);
}

const KEY_PREFIX: Record<FieldType, string> = {
  text: 'text',
  textarea: 'note',
  number: 'number',
  money: 'amount',
  date: 'date',
  datetime: 'time',
  select: 'choice',
  'multi-select': 'choices',
  checkbox: 'flag',
  user: 'user',
  department: 'department',
  attachment: 'files',
  table: 'items',
  link: 'link',
};

/** `amount`, then `amount_2`, `amount_3`… whichever is free. */
export function uniqueKey(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(prefix)) return prefix;
  for (let i = 2; ; i += 1) if (!used.has(`${prefix}_${i}`)) return `${prefix}_${i}`;
}

export function typeName(type: FieldType, lang: Lang): string {
  return FIELD_CATALOGUE.find((info) => info.type === type)?.name[lang] ?? type;
}

/** A new field of a type, labelled with the type's name and a key not yet used. */
export function createField(type: FieldType, fields: readonly FormField[], lang: Lang): FormField {
  const key = uniqueKey(
    KEY_PREFIX[type] ?? 'field',
    fields.map((f) => f.key),
  );
  const field: FormField = { key, type, label: typeName(type, lang) };
  const option = lang === 'zh-CN' ? '选项' : 'Option';
  if (type === 'select' || type === 'multi-select')
    field.options = [
      { value: 'option1', label: `${option} 1` },
      { value: 'option2', label: `${option} 2` },
    ];
  if (type === 'table')
    field.columns = [{ key: 'name', type: 'text', label: lang === 'zh-CN' ? '名称' : 'Name' }];
  return field;
}

/** Inserts at `index` (default: the end). */
export function addField(
  fields: readonly FormField[],
  field: FormField,
  index = fields.length,
): FormField[] {
  const at = Math.max(0, Math.min(index, fields.length));
  return [...fields.slice(0, at), field, ...fields.slice(at)];
}

/** Moves the field at `from` so it ends up before what is now at `to` (drag-and-drop semantics). */
export function moveField(fields: readonly FormField[], from: number, to: number): FormField[] {
  if (from < 0 || from >= fields.length) return [...fields];
  const next = [...fields];
  const [moved] = next.splice(from, 1);
  const target = Math.max(0, Math.min(to > from ? to - 1 : to, next.length));
  next.splice(target, 0, moved);
  return next;
}

export function removeField(fields: readonly FormField[], key: string): FormField[] {
  return fields.filter((f) => f.key !== key);
}

/** Applies a patch; a property set to undefined is removed (cleared inputs). */
export function updateField(
  fields: readonly FormField[],
  key: string,
  patch: Partial<FormField>,
): FormField[] {
  return fields.map((f) => {
    if (f.key !== key) return f;
    const next: Record<string, unknown> = { ...f };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') delete next[k];
      else next[k] = v;
    }
    return next as unknown as FormField;
  });
}

/** Why a key cannot be used for a field, or undefined. */
export function keyProblem(
  fields: readonly FormField[],
  current: string,
  key: string,
): 'invalid' | 'duplicate' | undefined {
  if (!FIELD_KEY.test(key)) return 'invalid';
  if (key !== current && fields.some((f) => f.key === key)) return 'duplicate';
  return undefined;
}

/**
 * Renames a field and everything in the flow that names it: field
 * permissions and the `var`s of conditions. Returns the new definition.
 */
export function renameFieldInFlow(
  definition: ProcessDefinition,
  from: string,
  to: string,
): ProcessDefinition {
  if (from === to) return definition;
  const renameVar = (logic: unknown): unknown => {
    if (Array.isArray(logic)) return logic.map(renameVar);
    if (logic && typeof logic === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(logic as Record<string, unknown>))
        out[k] = k === 'var' && v === from ? to : renameVar(v);
      return out;
    }
    return logic;
  };
  return {
    ...definition,
    graph: {
      ...definition.graph,
      nodes: definition.graph.nodes.map((n) => {
        const perms = (n as { fieldPermissions?: Record<string, string> }).fieldPermissions;
        if (!perms || !(from in perms)) return n;
        const next: Record<string, string> = {};
        for (const [k, v] of Object.entries(perms)) next[k === from ? to : k] = v;
        return { ...n, fieldPermissions: next } as typeof n;
      }),
      edges: definition.graph.edges.map((e) =>
        e.condition === undefined ? e : { ...e, condition: renameVar(e.condition) },
      ),
    },
  };
}

/** The designer's fields of a definition (best effort for hand-written schemas). */
export function fieldsOf(definition: ProcessDefinition): FormField[] {
  return formFields(definition);
}

/**
 * The definition with its form compiled from `fields`; the definition as it
 * was when the fields do not compile (the property panel shows why).
 */
export function withFields(
  definition: ProcessDefinition,
  fields: readonly FormField[],
): ProcessDefinition {
  if (fieldProblems(fields).length > 0) return definition;
  const compiled = compileForm(fields);
  return { ...definition, form: { schema: compiled.schema, uiSchema: compiled.uiSchema } };
}

/** A deleted field leaves the nodes' permission lists (conditions naming it stay, and show a problem). */
export function dropFieldFromFlow(definition: ProcessDefinition, key: string): ProcessDefinition {
  return {
    ...definition,
    graph: {
      ...definition.graph,
      nodes: definition.graph.nodes.map((n) => {
        const perms = (n as { fieldPermissions?: Record<string, string> }).fieldPermissions;
        if (!perms || !(key in perms)) return n;
        const next = { ...perms };
        delete next[key];
        return { ...n, fieldPermissions: next } as typeof n;
      }),
    },
  };
}
