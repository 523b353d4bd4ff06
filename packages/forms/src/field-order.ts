import { isPlainObject, type JsonSchema, type UiSchema } from './schema-types.js';

/**
 * The uiSchema with the form's field order written out: `ui:order` at the top
 * and in every table's rows, with `*` replaced by the fields it stands for.
 * A definition is stored as JSONB, which keeps an object's keys in its own
 * order, not the author's: without an explicit order the fields (and a
 * table's columns) would come back shuffled. Names that are not fields are
 * kept as written (the form validator reports them).
 */
export function pinFieldOrder(schema: JsonSchema, uiSchema: UiSchema = {}): UiSchema {
  if (!isPlainObject(schema?.properties)) return uiSchema;
  const properties = schema.properties as Record<string, JsonSchema>;
  const keys = Object.keys(properties);
  const out: UiSchema = { ...uiSchema, 'ui:order': ordered(keys, uiSchema['ui:order']) };
  for (const key of keys) {
    const prop = properties[key];
    if (!isPlainObject(prop) || prop.type !== 'array' || !isPlainObject(prop.items)) continue;
    if (!isPlainObject(prop.items.properties)) continue;
    const fieldUi = isPlainObject(uiSchema[key]) ? (uiSchema[key] as UiSchema) : {};
    const rowUi = isPlainObject(fieldUi.items) ? (fieldUi.items as UiSchema) : {};
    out[key] = { ...fieldUi, items: pinFieldOrder(prop.items, rowUi) };
  }
  return out;
}

function ordered(keys: string[], order: unknown): string[] {
  if (!Array.isArray(order)) return keys;
  const named = order.filter((k): k is string => typeof k === 'string' && k !== '*');
  const rest = keys.filter((k) => !named.includes(k));
  const star = order.indexOf('*');
  if (star < 0) return [...named, ...rest];
  const before = order.slice(0, star).filter((k): k is string => typeof k === 'string');
  const after = order.slice(star + 1).filter((k): k is string => typeof k === 'string');
  return [...before, ...rest, ...after];
}
