/**
 * The slice of JSON Schema draft-07 and @rjsf uiSchema that Baton reads and writes.
 * Open-ended on purpose: saved forms and templates may carry keywords we pass through untouched.
 */
export interface JsonSchema {
  $schema?: string;
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  default?: unknown;
  readOnly?: boolean;
  [keyword: string]: unknown;
}

export type UiSchema = Record<string, unknown>;

export interface CompiledForm {
  schema: JsonSchema;
  uiSchema: UiSchema;
}

/** One thing wrong with submitted data or with a written change, addressed by a data path like `items[0].qty`. */
export interface FieldError {
  path: string;
  message: string;
}

/** Money is stored as a number of yuan/dollars; cents are the finest unit the designer offers. */
export const MONEY_STEP = 0.01;

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
