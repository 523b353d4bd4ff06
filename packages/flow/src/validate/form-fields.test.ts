import { describe, expect, it } from '@jest/globals';
import { FormFields } from './form-fields.js';
import { validateDefinition } from './validate-definition.js';
import { codes, simple } from './fixtures.test-helper.js';

const withForm = (schema: Record<string, unknown>) => {
  const d = simple();
  d.form.schema = schema;
  return d;
};

describe('the form schema', () => {
  it('form_not_object: a form whose schema is not an object schema', () => {
    expect(validateDefinition(withForm({ type: 'array', items: { type: 'string' } }))).toEqual([
      {
        code: 'form_not_object',
        message:
          'The form schema must describe an object (type "object") whose properties are the form fields.',
        path: '/form/schema/type',
      },
    ]);
    expect(codes(validateDefinition(withForm({})))).toEqual(['form_not_object']);
  });

  it('invalid_form_schema: a form schema that is not valid JSON Schema', () => {
    const problems = validateDefinition(
      withForm({ type: 'object', properties: { a: { type: 'text' } } }),
    );
    expect(codes(problems)).toContain('invalid_form_schema');
    expect(problems[0].path).toBe('/form/schema/properties/a/type');
    expect(problems[0].message).toMatch(
      /^The form schema is not valid JSON Schema: \/form\/schema\/properties\/a\/type /,
    );
  });

  it('invalid_form_schema: a meta-schema other than draft-07', () => {
    const problems = validateDefinition(
      withForm({ $schema: 'https://example.com/other', type: 'object' }),
    );
    expect(problems).toEqual([
      {
        code: 'invalid_form_schema',
        message: 'The form schema must use JSON Schema draft-07.',
        path: '/form/schema/$schema',
      },
    ]);
  });

  it('a form without properties has no fields', () => {
    const d = withForm({ type: 'object' });
    Object.assign(d.graph.nodes[1], { fieldPermissions: { amount: 'read' } });
    expect(codes(validateDefinition(d))).toEqual(['unknown_field']);
  });
});

describe('FormFields', () => {
  const fields = new FormFields({
    type: 'object',
    properties: {
      day: { type: 'string', format: 'date' },
      at: { type: ['string', 'null'], format: 'date-time' },
      text: { type: 'string' },
      free: { type: 'object' },
      odd: true,
      constructor: { type: 'string' },
    },
  });

  it('knows date fields', () => {
    expect(fields.isDate('day')).toBe(true);
    expect(fields.isDate('at')).toBe(true);
    expect(fields.isDate('text')).toBe(false);
    expect(fields.isDate('missing')).toBe(false);
  });

  it('trusts what the form leaves open', () => {
    expect(fields.has('free.anything.deeper')).toBe(true);
    expect(fields.has('odd.x')).toBe(true);
    expect(fields.isDate('free.when')).toBe(true);
  });

  it('only sees own properties, never the prototype chain', () => {
    expect(fields.has('toString')).toBe(false);
    expect(fields.has('__proto__')).toBe(false);
    expect(fields.has('constructor')).toBe(true);
  });
});
