import {
  appliesTo,
  fieldProblems,
  type FieldOption,
  type FieldProblem,
  type FieldType,
  type FormField,
} from './catalogue.js';
import {
  DRAFT_07,
  MONEY_STEP,
  isPlainObject,
  type CompiledForm,
  type JsonSchema,
  type UiSchema,
} from './schema-types.js';

/** The designer's fields cannot become a form (or a saved form cannot be reopened in the designer). */
export class InvalidFormError extends Error {
  readonly code = 'invalid_form';
  constructor(readonly problems: FieldProblem[]) {
    super(`The form has problems: ${problems.map((p) => p.message).join('; ')}`);
    this.name = 'InvalidFormError';
  }
}

/** Types the schema alone cannot tell apart; the widget name carries them through a save. */
const WIDGET_OF: Partial<Record<FieldType, string>> = {
  textarea: 'textarea',
  money: 'money',
  'multi-select': 'checkboxes',
  user: 'user',
  department: 'department',
  attachment: 'attachment',
};

export function compileForm(
  fields: readonly FormField[],
  opts: { title?: string } = {},
): CompiledForm {
  const problems = fieldProblems(fields);
  if (problems.length > 0) throw new InvalidFormError(problems);
  const { properties, required, ui } = compileFields(fields);
  const schema: JsonSchema = { $schema: DRAFT_07, type: 'object' };
  if (opts.title !== undefined) schema.title = opts.title;
  schema.required = required;
  schema.properties = properties;
  return { schema, uiSchema: { 'ui:order': fields.map((f) => f.key), ...ui } };
}

function compileFields(fields: readonly FormField[]) {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const ui: Record<string, UiSchema> = {};
  for (const field of fields) {
    properties[field.key] = fieldSchema(field);
    if (field.required) required.push(field.key);
    const fieldUi = fieldUiSchema(field);
    if (Object.keys(fieldUi).length > 0) ui[field.key] = fieldUi;
  }
  return { properties, required, ui };
}

function fieldSchema(field: FormField): JsonSchema {
  const s: JsonSchema = { title: field.label };
  const has = (p: Parameters<typeof appliesTo>[1]) => appliesTo(field.type, p);
  const values = (field.options ?? []).map((o) => o.value);
  switch (field.type) {
    case 'text':
    case 'textarea':
      s.type = 'string';
      break;
    case 'number':
      s.type = 'number';
      break;
    case 'money':
      s.type = 'number';
      s.multipleOf = MONEY_STEP;
      break;
    case 'link':
      Object.assign(s, { type: 'string', format: 'uri' });
      break;
    case 'date':
      Object.assign(s, { type: 'string', format: 'date' });
      break;
    case 'datetime':
      Object.assign(s, { type: 'string', format: 'date-time' });
      break;
    case 'select':
      Object.assign(s, { type: 'string', enum: values });
      break;
    case 'multi-select':
      Object.assign(s, {
        type: 'array',
        items: { type: 'string', enum: values },
        uniqueItems: true,
      });
      break;
    case 'checkbox':
      s.type = 'boolean';
      break;
    case 'user':
    case 'department':
      if (field.multiple)
        Object.assign(s, { type: 'array', items: { type: 'string' }, uniqueItems: true });
      else s.type = 'string';
      break;
    case 'attachment':
      Object.assign(s, { type: 'array', items: { type: 'string' }, uniqueItems: true });
      break;
    case 'table': {
      const { properties, required } = compileFields(field.columns ?? []);
      s.type = 'array';
      s.items = { type: 'object', required, properties, additionalProperties: false };
      break;
    }
  }
  const isList = s.type === 'array';
  if (has('min') && field.min !== undefined) s[isList ? 'minItems' : 'minimum'] = field.min;
  if (has('max') && field.max !== undefined) s[isList ? 'maxItems' : 'maximum'] = field.max;
  if (has('minLength') && field.minLength !== undefined) s.minLength = field.minLength;
  if (has('maxLength') && field.maxLength !== undefined) s.maxLength = field.maxLength;
  if (has('pattern') && field.pattern !== undefined) s.pattern = field.pattern;
  if (has('default') && field.default !== undefined) s.default = field.default;
  return s;
}

function fieldUiSchema(field: FormField): UiSchema {
  const ui: UiSchema = {};
  const widget = WIDGET_OF[field.type];
  if (widget) ui['ui:widget'] = widget;
  if (appliesTo(field.type, 'placeholder') && field.placeholder !== undefined)
    ui['ui:placeholder'] = field.placeholder;
  if (field.help !== undefined) ui['ui:help'] = field.help;
  if (field.type === 'select' || field.type === 'multi-select') {
    ui['ui:enumNames'] = (field.options ?? []).map((o) => o.label);
  }
  if (field.type === 'table') {
    const columns = field.columns ?? [];
    const { ui: columnUi } = compileFields(columns);
    ui.items = { 'ui:order': columns.map((c) => c.key), ...columnUi };
  }
  return ui;
}

/**
 * The designer's fields for a saved form, so it can be reopened and edited.
 * Reads what compileForm writes and, best effort, hand-written schemas of the same shapes;
 * a property it cannot map to a field type is reported, not silently dropped.
 */
export function fieldsFromSchema(schema: JsonSchema, uiSchema: UiSchema = {}): FormField[] {
  const problems: FieldProblem[] = [];
  const fields = readFields(schema, uiSchema, undefined, problems);
  if (problems.length > 0) throw new InvalidFormError(problems);
  return fields;
}

function readFields(
  schema: JsonSchema,
  uiSchema: UiSchema,
  parent: string | undefined,
  problems: FieldProblem[],
): FormField[] {
  const properties = isPlainObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const fields: FormField[] = [];
  for (const key of orderedKeys(Object.keys(properties), uiSchema['ui:order'])) {
    const s = properties[key];
    const ui = isPlainObject(uiSchema[key]) ? uiSchema[key] : {};
    const path = parent ? `${parent}.${key}` : key;
    const type = isPlainObject(s) ? detectType(s, ui) : undefined;
    if (!type) {
      problems.push({
        code: 'unknown_type',
        path,
        message: `Field "${path}" has a shape the designer does not support`,
      });
      continue;
    }
    fields.push(readField(key, type, s, ui, required.has(key), path, problems));
  }
  return fields;
}

function orderedKeys(keys: string[], order: unknown): string[] {
  if (!Array.isArray(order)) return keys;
  const listed = order.filter((k): k is string => typeof k === 'string' && keys.includes(k));
  return [...new Set([...listed, ...keys])];
}

function detectType(s: JsonSchema, ui: UiSchema): FieldType | undefined {
  const widget = ui['ui:widget'];
  const items = isPlainObject(s.items) ? s.items : undefined;
  if (widget === 'user' || widget === 'department') return widget;
  if (s.type === 'array') {
    if (items?.type === 'object') return 'table';
    if (Array.isArray(items?.enum)) return 'multi-select';
    if (widget === 'attachment' || items?.type === 'string') return 'attachment';
    return undefined;
  }
  if (s.type === 'number' || s.type === 'integer') {
    return widget === 'money' || s.multipleOf === MONEY_STEP ? 'money' : 'number';
  }
  if (s.type === 'boolean') return 'checkbox';
  if (s.type === 'string' || (s.type === undefined && Array.isArray(s.enum))) {
    if (Array.isArray(s.enum)) return 'select';
    if (s.format === 'date') return 'date';
    if (s.format === 'date-time') return 'datetime';
    if (s.format === 'uri') return 'link';
    return widget === 'textarea' ? 'textarea' : 'text';
  }
  return undefined;
}

function readField(
  key: string,
  type: FieldType,
  s: JsonSchema,
  ui: UiSchema,
  required: boolean,
  path: string,
  problems: FieldProblem[],
): FormField {
  const field: FormField = { key, type, label: typeof s.title === 'string' ? s.title : key };
  if (required) field.required = true;
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const isList = s.type === 'array';
  const optional: Partial<FormField> = {
    default: s.default,
    placeholder: str(ui['ui:placeholder']),
    help: str(ui['ui:help']),
    min: num(isList ? s.minItems : s.minimum),
    max: num(isList ? s.maxItems : s.maximum),
    minLength: num(s.minLength),
    maxLength: num(s.maxLength),
    pattern: str(s.pattern),
  };
  for (const [name, value] of Object.entries(optional)) {
    if (
      value !== undefined &&
      appliesTo(type, name as keyof FormField & Parameters<typeof appliesTo>[1])
    ) {
      (field as unknown as Record<string, unknown>)[name] = value;
    }
  }
  if (type === 'select' || type === 'multi-select') {
    const values = (type === 'select' ? s.enum : (s.items as JsonSchema).enum) ?? [];
    const names = Array.isArray(ui['ui:enumNames']) ? ui['ui:enumNames'] : [];
    field.options = values.map((v, i): FieldOption => ({
      value: String(v),
      label: typeof names[i] === 'string' ? names[i] : String(v),
    }));
  }
  if ((type === 'user' || type === 'department') && isList) field.multiple = true;
  if (type === 'table') {
    const items = s.items as JsonSchema;
    const itemsUi = isPlainObject(ui.items) ? ui.items : {};
    field.columns = readFields(items, itemsUi, path, problems);
  }
  return field;
}
