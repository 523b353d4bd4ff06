// A request's key fields in a line, for lists such as the inbox (UX.md: "a
// summary of key fields"): the first few short, plain fields the reader may
// see, in form order, as label + value + how to show the value. Long text,
// people, departments, files and tables are left to the request's page.
import { MONEY_STEP, isPlainObject, type JsonSchema, type UiSchema } from './schema-types.js';

export type SummaryKind = 'text' | 'number' | 'money' | 'date' | 'datetime' | 'boolean';

export interface SummaryItem {
  field: string;
  label: string;
  kind: SummaryKind;
  /** Choices carry their label, not their stored value. */
  value: string | number | boolean;
}

export interface SummaryOptions {
  /** Fields this reader may see; anything else is never read. */
  visible: (field: string) => boolean;
  /** The definition's chosen fields, in order; absent = the form's first fields. */
  fields?: readonly string[];
  max?: number;
}

const SKIPPED_WIDGETS = new Set(['textarea', 'user', 'department', 'attachment']);
const TEXT_LIMIT = 40;

export function formSummary(
  schema: JsonSchema,
  uiSchema: UiSchema,
  data: Record<string, unknown>,
  opts: SummaryOptions,
): SummaryItem[] {
  const properties = isPlainObject(schema?.properties)
    ? (schema.properties as Record<string, JsonSchema>)
    : {};
  const max = opts.max ?? 3;
  const out: SummaryItem[] = [];
  for (const field of opts.fields ?? formOrder(Object.keys(properties), uiSchema)) {
    if (out.length >= max) break;
    if (!Object.prototype.hasOwnProperty.call(properties, field) || !opts.visible(field)) continue;
    const item = summarise(field, properties[field], uiOf(uiSchema, field), data?.[field]);
    if (item) out.push(item);
  }
  return out;
}

function formOrder(keys: string[], uiSchema: UiSchema): string[] {
  const order = Array.isArray(uiSchema?.['ui:order']) ? (uiSchema['ui:order'] as unknown[]) : [];
  const named = order.filter((k): k is string => typeof k === 'string' && keys.includes(k));
  return [...named, ...keys.filter((k) => !named.includes(k))];
}

function uiOf(uiSchema: UiSchema, field: string): Record<string, unknown> {
  const ui = uiSchema?.[field];
  return isPlainObject(ui) ? (ui as Record<string, unknown>) : {};
}

function summarise(
  field: string,
  schema: JsonSchema,
  ui: Record<string, unknown>,
  value: unknown,
): SummaryItem | undefined {
  if (!isPlainObject(schema) || value === undefined || value === null || value === '') return;
  const widget = typeof ui['ui:widget'] === 'string' ? ui['ui:widget'] : undefined;
  if (widget && SKIPPED_WIDGETS.has(widget)) return;
  const label = typeof schema.title === 'string' && schema.title ? schema.title : field;
  const item = (kind: SummaryKind, v: string | number | boolean): SummaryItem => ({
    field,
    label,
    kind,
    value: v,
  });
  switch (schema.type) {
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return;
      return item(
        widget === 'money' || schema.multipleOf === MONEY_STEP ? 'money' : 'number',
        value,
      );
    case 'boolean':
      return typeof value === 'boolean' ? item('boolean', value) : undefined;
    case 'string': {
      if (typeof value !== 'string') return;
      if (Array.isArray(schema.enum)) return item('text', choiceLabel(schema, ui, value));
      if (Array.isArray(schema.oneOf)) return item('text', choiceLabel(schema, ui, value));
      if (schema.format === 'date') return item('date', value);
      if (schema.format === 'date-time') return item('datetime', value);
      const text = value.replace(/\s+/g, ' ').trim();
      if (!text) return;
      return item(
        'text',
        [...text].length > TEXT_LIMIT ? `${[...text].slice(0, TEXT_LIMIT - 1).join('')}…` : text,
      );
    }
    default:
      return;
  }
}

/** The label a choice is shown with: ui:enumNames, or a oneOf entry's title. */
function choiceLabel(schema: JsonSchema, ui: Record<string, unknown>, value: string): string {
  if (Array.isArray(schema.enum)) {
    const names = ui['ui:enumNames'];
    const at = schema.enum.indexOf(value);
    if (at >= 0 && Array.isArray(names) && typeof names[at] === 'string') return names[at];
  }
  if (Array.isArray(schema.oneOf)) {
    const entry = schema.oneOf.find((o: unknown) => isPlainObject(o) && o.const === value);
    if (isPlainObject(entry) && typeof entry.title === 'string') return entry.title;
  }
  return value;
}
