// Request bodies are checked against JSON Schemas with ajv; the same schemas
// document the endpoints in OpenAPI. A bad body is a 400 naming each field.
import { Ajv, type ErrorObject, type JSONSchemaType, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { badRequest } from '../errors/api-error.js';
import { unstorablePath } from './storable.js';

const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule;
const ajv = new Ajv({
  allErrors: true,
  removeAdditional: false,
  useDefaults: true,
  coerceTypes: false,
});
(addFormats as unknown as (a: Ajv) => void)(ajv);

const cache = new WeakMap<object, ValidateFunction>();

function describe(e: ErrorObject): { path: string; message: string } {
  const base = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (e.keyword === 'required') {
    const field = (e.params as { missingProperty: string }).missingProperty;
    return { path: base ? `${base}.${field}` : field, message: 'is required' };
  }
  if (e.keyword === 'additionalProperties') {
    const field = (e.params as { additionalProperty: string }).additionalProperty;
    return { path: base ? `${base}.${field}` : field, message: 'is not a known field' };
  }
  return { path: base || '(body)', message: e.message ?? 'is invalid' };
}

/** Returns the body typed by the schema, or throws 400 `invalid_request` with `fields`. */
export function parseBody<T>(
  schema: JSONSchemaType<T> | Record<string, unknown>,
  body: unknown,
): T {
  let validate = cache.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    cache.set(schema, validate);
  }
  if (body === undefined || body === null) body = {};
  if (!validate(body)) {
    const fields = (validate.errors ?? []).map(describe);
    throw badRequest(
      'invalid_request',
      `The request is not valid: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}.`,
      { fields },
    );
  }
  const unstorable = unstorablePath(body);
  if (unstorable !== undefined) {
    const path = unstorable.replace(/^\//, '').replace(/\//g, '.') || '(body)';
    const message =
      'contains a NUL character or a broken Unicode surrogate, which cannot be stored';
    throw badRequest('invalid_request', `The request is not valid: ${path} ${message}.`, {
      fields: [{ path, message }],
    });
  }
  return body as T;
}
