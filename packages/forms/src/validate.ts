import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { FIELD_KEY } from './catalogue.js';
import { isPlainObject, type FieldError, type JsonSchema } from './schema-types.js';
import { describeError, formatPath, labelAt } from './messages.js';

/** A form schema that ajv cannot compile; the message says why. */
export class InvalidSchemaError extends Error {
  readonly code = 'invalid_schema';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSchemaError';
  }
}

// ajv-formats is CommonJS: under NodeNext its default import is module.exports, whose `.default` is the plugin.
const addFormats = addFormatsModule.default;

/** Warnings ajv raises while compiling (unknown formats, keywords). Filled only inside schemaProblems. */
let warnings: string[] | undefined;

const ajv = new Ajv({
  allErrors: true,
  // Saved forms carry rjsf-era keywords (enumNames, x-*), so unknown keywords must not break validation.
  strict: false,
  // Keep the package free of I/O: ajv would otherwise console.warn.
  logger: {
    log: () => {},
    warn: (...args: unknown[]) => warnings?.push(args.map(String).join(' ')),
    error: () => {},
  },
  // 0.1 + 0.2 is not a multiple of 0.01 in floating point; money must still pass.
  multipleOfPrecision: 9,
});
addFormats(ajv);

const validators = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction {
  if (!isPlainObject(schema)) throw new InvalidSchemaError('A form schema must be a JSON object');
  let validate = validators.get(schema);
  if (validate) return validate;
  try {
    validate = ajv.compile(schema);
  } catch (err) {
    throw new InvalidSchemaError(`The form schema is invalid: ${(err as Error).message}`);
  } finally {
    // ajv keeps its own strong cache by schema object (and by $id); drop it so the WeakMap alone
    // decides lifetime and a second schema with the same $id does not collide.
    ajv.removeSchema(schema);
  }
  validators.set(schema, validate);
  return validate;
}

/** Empty in the user's sense: a required field left like this has not been filled. */
export function isEmptyValue(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * Check form data against the form schema. `required` adds the node's own required fields
 * (FLOW-DSL "Field permissions"). Required fields — the schema's and the extra ones — must be
 * filled, not merely present: '', whitespace, null and [] count as missing.
 */
export function validateFormData(
  schema: JsonSchema,
  data: unknown,
  opts: { required?: readonly string[] } = {},
): FieldError[] {
  const validate = validatorFor(schema);
  const missing = missingPaths(schema, data, opts.required ?? []);
  const errors: FieldError[] = missing.map((segments) => ({
    path: formatPath(segments, data),
    message: `${labelAt(schema, segments)} is required`,
  }));
  if (validate(data)) return errors;
  const seen = new Set(errors.map((e) => `${e.path}\n${e.message}`));
  for (const error of validate.errors ?? []) {
    const segments = pathOf(error);
    // A missing required field already has its one clear message; the type error on its null/'' adds nothing.
    if (missing.some((m) => m.every((seg, i) => segments[i] === seg))) continue;
    const out = {
      path: formatPath(segments, data),
      message: describeError(schema, segments, error),
    };
    const id = `${out.path}\n${out.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      errors.push(out);
    }
  }
  return errors;
}

/** Required fields left empty: top-level ones, then the required columns of each table row. */
function missingPaths(schema: JsonSchema, data: unknown, extra: readonly string[]): string[][] {
  if (!isPlainObject(data)) return [];
  const own = Array.isArray(schema.required) ? schema.required : [];
  const paths = [...new Set([...own, ...extra])]
    .filter((k) => isEmptyValue(data[k]))
    .map((k) => [k]);
  const properties = isPlainObject(schema.properties) ? schema.properties : {};
  for (const [key, prop] of Object.entries(properties)) {
    const rows = data[key];
    const columns =
      isPlainObject(prop) && isPlainObject(prop.items) && Array.isArray(prop.items.required)
        ? prop.items.required
        : [];
    if (!Array.isArray(rows) || columns.length === 0) continue;
    rows.forEach((row, i) => {
      if (!isPlainObject(row)) return;
      for (const column of columns)
        if (isEmptyValue(row[column])) paths.push([key, String(i), column]);
    });
  }
  return paths;
}

/** The data path an error is about: for `required`/`additionalProperties`, the property, not its parent. */
function pathOf(error: ErrorObject): string[] {
  const segments =
    error.instancePath === ''
      ? []
      : error.instancePath
          .slice(1)
          .split('/')
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') segments.push(String(params.missingProperty));
  if (error.keyword === 'additionalProperties') segments.push(String(params.additionalProperty));
  return segments;
}

/**
 * What is wrong with a form schema as a published form: not draft-07, not an object schema,
 * not compilable, unknown formats, required fields without a property, keys that are not identifiers.
 * Paths here are JSON Pointers into the schema (`/properties/amount`), not data paths.
 */
export function schemaProblems(schema: unknown): FieldError[] {
  if (!isPlainObject(schema))
    return [{ path: '', message: 'The form schema must be a JSON object' }];
  const problems: FieldError[] = [];
  if (schema.$schema !== undefined && !String(schema.$schema).includes('draft-07')) {
    // ajv would judge it by a meta-schema it does not have; nothing more useful can be said.
    return [
      {
        path: '/$schema',
        message: `The form schema must be JSON Schema draft-07, not ${String(schema.$schema)}`,
      },
    ];
  }
  let metaValid: boolean;
  try {
    metaValid = ajv.validateSchema(schema) as boolean;
  } catch (err) {
    return [
      { path: '/$schema', message: `The form schema cannot be checked: ${(err as Error).message}` },
    ];
  }
  if (!metaValid) {
    // The meta-schema reports one mistake several times (each anyOf branch); the first says it best.
    const byPath = new Map<string, string>();
    for (const e of ajv.errors ?? [])
      if (!byPath.has(e.instancePath)) byPath.set(e.instancePath, e.message ?? 'is invalid');
    for (const [path, message] of byPath)
      problems.push({ path, message: `The form schema at ${path || 'its root'} ${message}` });
    return problems;
  }
  if (schema.type !== 'object')
    problems.push({ path: '/type', message: 'The form schema must have type "object"' });
  const properties = isPlainObject(schema.properties) ? schema.properties : {};
  for (const key of Object.keys(properties)) {
    if (!FIELD_KEY.test(key))
      problems.push({
        path: `/properties/${pointerEscape(key)}`,
        message: `Field key "${key}" must start with a letter or _ and contain only letters, digits and _`,
      });
  }
  for (const key of Array.isArray(schema.required) ? schema.required : []) {
    if (!(key in properties))
      problems.push({
        path: '/required',
        message: `Required field "${String(key)}" is not in the form's properties`,
      });
  }
  warnings = [];
  try {
    ajv.compile(schema);
  } catch (err) {
    problems.push({
      path: '',
      message: `The form schema cannot be compiled: ${(err as Error).message}`,
    });
  } finally {
    ajv.removeSchema(schema);
    const formats = new Set(
      warnings.filter((w) => w.includes('unknown format')).map((w) => w.replace(/ ignored.*$/, '')),
    );
    for (const w of formats) problems.push({ path: '', message: `The form schema uses an ${w}` });
    warnings = undefined;
  }
  return problems;
}

function pointerEscape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
