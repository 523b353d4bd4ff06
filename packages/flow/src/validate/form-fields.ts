// What the flow may say about the form: which field paths exist and which
// hold dates. Paths are dotted ("address.city"), as in JsonLogic `var`.
import type { ProcessDefinition } from '../definition.js';
import type { ProblemList } from './describe.js';
import { describeAjvError, dropAnyOfNoise, metaSchemaAjv } from './structure.js';

/** A form schema can be very wrong; a handful of its problems is enough to start fixing it. */
const MAX_FORM_SCHEMA_PROBLEMS = 20;

type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function propertiesOf(schema: Schema): Schema | undefined {
  return isObject(schema.properties) ? schema.properties : undefined;
}

function hasType(schema: Schema, type: string): boolean {
  return schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));
}

export class FormFields {
  constructor(private readonly root: Schema) {}

  /**
   * The schema of a field path, or `true` when the path lies below a field
   * whose shape the form does not spell out (free objects, arrays), or
   * undefined when the form certainly has no such field.
   */
  private lookup(path: string): Schema | true | undefined {
    let current: Schema = this.root;
    const segments = path.split('.');
    for (let i = 0; i < segments.length; i += 1) {
      // The root always lists its fields: a form without `properties` has none.
      const properties = propertiesOf(current) ?? (i === 0 ? {} : undefined);
      if (!properties) return true;
      if (!Object.hasOwn(properties, segments[i])) return undefined;
      const next = properties[segments[i]];
      if (!isObject(next)) return true;
      current = next;
    }
    return current;
  }

  has(path: string): boolean {
    return this.lookup(path) !== undefined;
  }

  isDate(path: string): boolean {
    const schema = this.lookup(path);
    if (schema === undefined) return false;
    if (schema === true) return true;
    return hasType(schema, 'string') && (schema.format === 'date' || schema.format === 'date-time');
  }
}

/** Reports form_not_object and invalid_form_schema; returns the field index when usable. */
export function checkForm(definition: ProcessDefinition, problems: ProblemList): FormFields {
  const schema = definition.form.schema;
  if (schema.type !== 'object') {
    problems.add(
      'form_not_object',
      'The form schema must describe an object (type "object") whose properties are the form fields.',
      { path: '/form/schema/type' },
    );
  }
  const ajv = metaSchemaAjv();
  let valid: boolean;
  try {
    valid = ajv.validateSchema(schema) as boolean;
  } catch {
    // ajv throws when `$schema` names a meta-schema it does not know.
    problems.add('invalid_form_schema', 'The form schema must use JSON Schema draft-07.', {
      path: '/form/schema/$schema',
    });
    return new FormFields(schema);
  }
  if (!valid) {
    const errors = dropAnyOfNoise(ajv.errors ?? []);
    for (const error of errors.slice(0, MAX_FORM_SCHEMA_PROBLEMS)) {
      const path = `/form/schema${error.instancePath}`;
      problems.add(
        'invalid_form_schema',
        `The form schema is not valid JSON Schema: ${describeAjvError(error, path)}`,
        { path },
      );
    }
  }
  return new FormFields(schema);
}
