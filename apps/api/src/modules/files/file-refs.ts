// Which values in form data are file ids: the attachment fields, at the top
// level or as a column of a table. A field is an attachment when the form
// says so (`ui:widget: attachment`) or, like @baton/forms' fieldsFromSchema
// reads it, when it is a list of plain strings that is not a people picker.
import { isAttachmentField, type JsonSchema, type UiSchema } from '@baton/forms';

export interface FileRef {
  /** The top-level form field holding it, whose permissions govern it: `proof`, `items`. */
  field: string;
  /** Where the id sits, as form errors name it: `proof`, `items[0].receipt`. */
  path: string;
  id: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function collect(
  schema: unknown,
  ui: unknown,
  data: unknown,
  prefix: string,
  top: string | undefined,
  out: FileRef[],
) {
  if (!isObj(schema) || !isObj(schema.properties) || !isObj(data)) return;
  for (const [key, s] of Object.entries(schema.properties)) {
    const value = data[key];
    const fieldUi = isObj(ui) ? ui[key] : undefined;
    const path = prefix ? `${prefix}.${key}` : key;
    if (isAttachmentField(s, fieldUi)) {
      for (const id of Array.isArray(value) ? value : [value])
        if (typeof id === 'string') out.push({ field: top ?? key, path, id });
    } else if (
      isObj(s) &&
      s.type === 'array' &&
      isObj(s.items) &&
      s.items.type === 'object' &&
      Array.isArray(value)
    ) {
      const rowUi = isObj(fieldUi) ? fieldUi.items : undefined;
      value.forEach((row, i) => collect(s.items, rowUi, row, `${path}[${i}]`, top ?? key, out));
    }
  }
}

/** Every file id the data refers to through the form's attachment fields. */
export function fileRefs(
  form: { schema: unknown; uiSchema?: unknown },
  data: Record<string, unknown> | undefined,
): FileRef[] {
  const out: FileRef[] = [];
  collect(
    form.schema as JsonSchema,
    form.uiSchema as UiSchema | undefined,
    data ?? {},
    '',
    undefined,
    out,
  );
  return out;
}
