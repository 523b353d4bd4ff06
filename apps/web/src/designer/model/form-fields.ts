// The form's fields as the flow designer needs them (labels, types, options),
// read from a definition. A draft may carry a schema the form designer cannot
// open; the flow designer must still show something, so it falls back to a
// plain reading of `properties` instead of failing.
import { fieldsFromSchema, type FieldType, type FormField } from '@baton/forms';
import type { ProcessDefinition } from '@baton/flow';

export function formFields(definition: Pick<ProcessDefinition, 'form'>): FormField[] {
  const { schema, uiSchema } = definition.form;
  try {
    return fieldsFromSchema(schema, uiSchema ?? {});
  } catch {
    return looseFields(schema);
  }
}

function looseFields(schema: Record<string, unknown>): FormField[] {
  const properties = schema.properties;
  if (typeof properties !== 'object' || properties === null) return [];
  return Object.entries(properties as Record<string, Record<string, unknown>>).map(([key, s]) => {
    const field: FormField = {
      key,
      type: guessType(s ?? {}),
      label: typeof s?.title === 'string' ? s.title : key,
    };
    if (Array.isArray(s?.enum))
      field.options = s.enum.map((v) => ({ value: String(v), label: String(v) }));
    return field;
  });
}

function guessType(s: Record<string, unknown>): FieldType {
  if (s.type === 'number' || s.type === 'integer') return 'number';
  if (s.type === 'boolean') return 'checkbox';
  if (s.type === 'array') return 'multi-select';
  if (s.format === 'date') return 'date';
  if (s.format === 'date-time') return 'datetime';
  if (Array.isArray(s.enum)) return 'select';
  return 'text';
}

/** Top-level fields and table columns by path (`items.qty`), for label look-ups. */
export function fieldIndex(fields: readonly FormField[]): Map<string, FormField> {
  const index = new Map<string, FormField>();
  for (const field of fields) {
    index.set(field.key, field);
    for (const column of field.columns ?? []) index.set(`${field.key}.${column.key}`, column);
  }
  return index;
}
