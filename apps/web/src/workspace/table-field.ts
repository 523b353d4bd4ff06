// Table fields (packages/forms `table`: `{ type: 'array', items: { type: 'object',
// properties } }`, per-column ui under `ui.items`) as the 明细/子表单 our users
// know: one column per sub-field, one row per entry. Pure functions only; the
// rjsf field (components/TableField.tsx) draws them and does the clicking.
import type { JsonSchema, UiSchema } from '@baton/forms';
import { formatDateTime, formatMoney, formatNumber } from '../shared/format';
import type { Language } from '../shared/language';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The rjsf field name TableField is registered under (FormRenderer, FormPreview). */
export const TABLE_FIELD = 'table';

/** `ui:options` flag for a widget drawn in a read-only table cell: show plain text. */
export const READONLY_TEXT = 'readonlyText';

/** A list of row objects: what packages/forms compiles a `table` field to. */
export function isTableSchema(schema: unknown): boolean {
  return (
    isObj(schema) &&
    schema.type === 'array' &&
    isObj(schema.items) &&
    schema.items.type === 'object' &&
    isObj(schema.items.properties)
  );
}

/**
 * The uiSchema with `ui:field: table` on every top-level table field, so rjsf
 * draws it as a table instead of a stack of numbered mini-forms. Decided by the
 * schema's shape, so the built-in templates' hand-written tables get it too; a
 * field that already names its own field or widget is left alone.
 */
export function withTableFields(schema: JsonSchema, uiSchema: UiSchema): UiSchema {
  const properties = isObj(schema.properties) ? schema.properties : {};
  let out: UiSchema = uiSchema;
  for (const [key, prop] of Object.entries(properties)) {
    if (!isTableSchema(prop)) continue;
    const ui = isObj(uiSchema[key]) ? uiSchema[key] : {};
    if (ui['ui:field'] !== undefined || ui['ui:widget'] !== undefined) continue;
    if (out === uiSchema) out = { ...uiSchema };
    out[key] = { ...ui, 'ui:field': TABLE_FIELD };
  }
  return out;
}

/** The top-level keys of the form's table fields. */
export function tableKeys(schema: JsonSchema): Set<string> {
  const properties = isObj(schema.properties) ? schema.properties : {};
  return new Set(Object.keys(properties).filter((key) => isTableSchema(properties[key])));
}

/** What a column holds, as far as its width and its read-only text care. */
export type ColumnKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'money'
  | 'date'
  | 'datetime'
  | 'link'
  | 'choice'
  | 'choices'
  | 'checkbox'
  /** Drawn by a widget even when read-only: people, departments, attachments, anything custom. */
  | 'widget';

export interface TableColumn {
  key: string;
  title: string;
  required: boolean;
  kind: ColumnKind;
  schema: JsonSchema;
  ui: UiSchema;
}

/** Widgets the read-only text knows how to stand in for. */
const TEXT_WIDGETS = new Set(['textarea', 'money', 'checkboxes', 'select', 'radio', 'text']);

export function columnKind(schema: JsonSchema, ui: UiSchema): ColumnKind {
  const widget = ui['ui:widget'];
  if (typeof widget === 'string' && !TEXT_WIDGETS.has(widget)) return 'widget';
  if (widget !== undefined && typeof widget !== 'string') return 'widget';
  const items = isObj(schema.items) ? schema.items : undefined;
  if (schema.type === 'array') return Array.isArray(items?.enum) ? 'choices' : 'widget';
  if (Array.isArray(schema.enum)) return 'choice';
  if (schema.type === 'boolean') return 'checkbox';
  if (schema.type === 'number' || schema.type === 'integer')
    return widget === 'money' || schema.multipleOf === 0.01 ? 'money' : 'number';
  if (schema.type === 'string') {
    if (schema.format === 'date') return 'date';
    if (schema.format === 'date-time') return 'datetime';
    if (schema.format === 'uri') return 'link';
    return widget === 'textarea' ? 'textarea' : 'text';
  }
  return 'widget';
}

/** `ui:order` with rjsf's `*` (every key not listed) expanded. */
function ordered(keys: string[], order: unknown): string[] {
  if (!Array.isArray(order)) return keys;
  const listed = order.filter((k): k is string => typeof k === 'string' && keys.includes(k));
  const rest = keys.filter((k) => !listed.includes(k));
  const star = order.indexOf('*');
  if (star < 0) return [...listed, ...rest];
  const before = order.slice(0, star).filter((k) => listed.includes(k as string)) as string[];
  return [...before, ...rest, ...listed.filter((k) => !before.includes(k))];
}

/** The table's columns in the order the designer put them, headed by their labels. */
export function tableColumns(schema: JsonSchema, uiSchema: UiSchema = {}): TableColumn[] {
  const items = isObj(schema.items) ? (schema.items as JsonSchema) : {};
  const properties = isObj(items.properties) ? items.properties : {};
  const required = new Set(Array.isArray(items.required) ? items.required : []);
  const rowUi = isObj(uiSchema.items) ? uiSchema.items : {};
  return ordered(Object.keys(properties), rowUi['ui:order']).map((key) => {
    const columnSchema = isObj(properties[key]) ? properties[key] : {};
    const ui = isObj(rowUi[key]) ? rowUi[key] : {};
    const title = typeof ui['ui:title'] === 'string' ? ui['ui:title'] : columnSchema.title;
    return {
      key,
      title: typeof title === 'string' && title ? title : key,
      required: required.has(key),
      kind: columnKind(columnSchema, ui),
      schema: columnSchema,
      ui,
    };
  });
}

/**
 * An editable column wide enough for its input; the table fills the form's width
 * when the columns fit, and scrolls sideways (a phone) when they do not.
 */
export function columnWidth(kind: ColumnKind): number {
  switch (kind) {
    case 'checkbox':
      return 72;
    case 'number':
      return 120;
    case 'money':
      return 140;
    case 'date':
    case 'choice':
      return 150;
    case 'datetime':
      return 190;
    case 'textarea':
    case 'choices':
    case 'widget':
      return 200;
    default:
      return 160;
  }
}

/** The rows of a table value; anything that is not a list is no rows. */
export function tableRows(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export interface TableLimits {
  min?: number;
  max?: number;
  canAdd: boolean;
  canRemove: boolean;
}

/** minItems / maxItems against the rows there are: adding stops at max, deleting at min. */
export function tableLimits(schema: JsonSchema, rowCount: number): TableLimits {
  const num = (v: unknown) =>
    typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : undefined;
  const min = num(schema.minItems);
  const max = num(schema.maxItems);
  return {
    min,
    max,
    canAdd: max === undefined || rowCount < max,
    canRemove: min === undefined || rowCount > min,
  };
}

/** A translation key and its values, for the line under the table. */
export interface Hint {
  key: string;
  vars: Record<string, number>;
}

/** What the line under the add button says about the row limits; null when there are none. */
export function limitHint(limits: TableLimits): Hint | null {
  const { min, max } = limits;
  if (max !== undefined && !limits.canAdd) return { key: 'form.table.maxReached', vars: { max } };
  if (min !== undefined && min > 0 && max !== undefined)
    return { key: 'form.table.range', vars: { min, max } };
  if (max !== undefined) return { key: 'form.table.atMost', vars: { max } };
  if (min !== undefined && min > 0) return { key: 'form.table.atLeast', vars: { min } };
  return null;
}

/** The value after adding a row at the end. */
export function withRowAdded(value: unknown, row: unknown): unknown[] {
  return [...tableRows(value), row ?? {}];
}

/**
 * The value after deleting a row. An emptied required table becomes `undefined`,
 * so it reports "required" (an empty list would satisfy JSON Schema's `required`),
 * as an emptied required attachment field does.
 */
export function withRowRemoved(
  value: unknown,
  index: number,
  required = false,
): unknown[] | undefined {
  const rows = tableRows(value).filter((_, i) => i !== index);
  return rows.length || !required ? rows : undefined;
}

/**
 * rjsf's error tree for the table after a row is deleted: the deleted row's errors
 * go, the ones below move up a row, so a message stays on the cell it is about.
 */
export function errorsAfterRemoval<E extends Obj>(
  errors: E | undefined,
  index: number,
): E | undefined {
  if (!errors) return undefined;
  const out: Obj = {};
  for (const [key, value] of Object.entries(errors)) {
    const i = /^\d+$/.test(key) ? Number(key) : NaN;
    if (Number.isNaN(i)) out[key] = value;
    else if (i < index) out[key] = value;
    else if (i > index) out[String(i - 1)] = value;
  }
  return out as E;
}

/**
 * Stable React keys for the rows, so a widget's own state (an upload in flight,
 * an open dropdown) stays with its row when a row above it is deleted.
 * Rows that appeared from outside (a reload, a reset) get new keys at the end.
 */
export function rowKeysFor(keys: readonly string[], count: number, fresh: () => string): string[] {
  if (keys.length === count) return keys as string[];
  if (keys.length > count) return keys.slice(0, count);
  const out = [...keys];
  while (out.length < count) out.push(fresh());
  return out;
}

/**
 * What a read-only cell shows: text, a link, or its widget in read-only mode (told
 * `READONLY_TEXT`, so a people picker shows names rather than a greyed-out select).
 */
export type CellDisplay =
  | { kind: 'text'; text: string }
  | { kind: 'link'; href: string; text: string }
  | { kind: 'widget' };

const EMPTY = '—';

const isEmpty = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

function optionLabel(column: TableColumn, value: unknown, values: unknown[]): string {
  const names = column.ui['ui:enumNames'];
  const i = values.indexOf(value);
  return Array.isArray(names) && i >= 0 && typeof names[i] === 'string' ? names[i] : String(value);
}

/**
 * A cell's value as plain text for a read-only table, in the user's language
 * (¥1,234.00, 2026-11-22, 是/否, option labels), "—" when empty.
 */
export function cellDisplay(
  column: TableColumn,
  value: unknown,
  language: Language,
  yesNo: { yes: string; no: string },
): CellDisplay {
  if (isEmpty(value)) return { kind: 'text', text: EMPTY };
  if (column.kind === 'widget') return { kind: 'widget' };
  switch (column.kind) {
    case 'money':
      return { kind: 'text', text: formatMoney(typeof value === 'number' ? value : NaN, language) };
    case 'number':
      return {
        kind: 'text',
        text: typeof value === 'number' ? formatNumber(value, language, 6) : String(value),
      };
    case 'checkbox':
      return { kind: 'text', text: value === true ? yesNo.yes : yesNo.no };
    case 'datetime':
      return { kind: 'text', text: formatDateTime(value as string) };
    case 'choice':
      return { kind: 'text', text: optionLabel(column, value, column.schema.enum ?? []) };
    case 'choices': {
      const values = (column.schema.items as JsonSchema | undefined)?.enum ?? [];
      const list = Array.isArray(value) ? value : [value];
      const sep = language === 'zh-CN' ? '、' : ', ';
      return { kind: 'text', text: list.map((v) => optionLabel(column, v, values)).join(sep) };
    }
    case 'link': {
      const text = String(value);
      return /^https?:\/\//i.test(text)
        ? { kind: 'link', href: text, text }
        : { kind: 'text', text };
    }
    default:
      return { kind: 'text', text: String(value) };
  }
}

/** Whether a column gets a total under the table: money and number columns do. */
export const isTotalled = (column: TableColumn): boolean =>
  column.kind === 'money' || column.kind === 'number';

/** Decimal places a number is written with (1.25 → 2, 1e-7 → 7), at most 12. */
function decimals(value: number): number {
  const [mantissa, exponent] = String(value).toLowerCase().split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.min(12, Math.max(0, fraction - Number(exponent ?? 0)));
}

/**
 * The sum of a column's filled cells (numbers only; empty cells and text are
 * skipped), undefined when none is filled. Added as whole units of the smallest
 * place shown, so 0.1 + 0.2 is 0.3: money in cents (each cell rounded to the
 * cent it shows as), numbers in as many decimals as the longest has.
 */
export function columnSum(column: TableColumn, rows: unknown[]): number | undefined {
  const values: number[] = [];
  for (const row of rows) {
    const value = isObj(row) ? row[column.key] : undefined;
    if (typeof value === 'number' && Number.isFinite(value)) values.push(value);
  }
  if (values.length === 0) return undefined;
  const places =
    column.kind === 'money' ? 2 : values.reduce((most, v) => Math.max(most, decimals(v)), 0);
  const scale = 10 ** places;
  const units = values.map((v) => Math.round(v * scale));
  const total = units.reduce((sum, u) => sum + u, 0);
  // Too big to count exactly in units: plain addition is as good as it gets.
  if (!Number.isSafeInteger(total) || !units.every(Number.isSafeInteger))
    return values.reduce((sum, v) => sum + v, 0);
  return total / scale;
}

/**
 * The totals row under a table: column key → each money and number column's sum, written as
 * its cells are (¥1,234.50, 1,234.5), "—" for a column with nothing filled in.
 * Null when there is nothing to total: no such column, or no rows.
 */
export function tableTotals(
  columns: TableColumn[],
  rows: unknown[],
  language: Language,
): Map<string, string> | null {
  const totalled = columns.filter(isTotalled);
  if (totalled.length === 0 || rows.length === 0) return null;
  const out = new Map<string, string>();
  for (const column of totalled) {
    const sum = columnSum(column, rows);
    out.set(
      column.key,
      sum === undefined
        ? EMPTY
        : column.kind === 'money'
          ? formatMoney(sum, language)
          : formatNumber(sum, language, 6),
    );
  }
  return out;
}
