import { describe, it, expect } from '@jest/globals';
import { compileForm } from './compile.js';
import { InvalidSchemaError, isEmptyValue, schemaProblems, validateFormData } from './validate.js';
import type { JsonSchema } from './schema-types.js';

const { schema } = compileForm([
  { key: 'amount', type: 'money', label: '金额', required: true, min: 0, max: 10000 },
  { key: 'title', type: 'text', label: 'Title', minLength: 2, maxLength: 5, pattern: '^[A-Z]' },
  {
    key: 'kind',
    type: 'select',
    label: 'Kind',
    options: [
      { value: 'refund', label: '退款' },
      { value: 'swap', label: '换货' },
    ],
  },
  {
    key: 'tags',
    type: 'multi-select',
    label: 'Tags',
    options: [{ value: 'a', label: 'A' }],
    max: 1,
  },
  { key: 'due', type: 'date', label: 'Due date' },
  { key: 'at', type: 'datetime', label: 'At' },
  { key: 'site', type: 'link', label: 'Site' },
  { key: 'urgent', type: 'checkbox', label: 'Urgent' },
  { key: 'owner', type: 'user', label: 'Owner' },
  { key: 'proof', type: 'attachment', label: 'Proof', min: 1 },
  {
    key: 'items',
    type: 'table',
    label: 'Items',
    columns: [
      { key: 'sku', type: 'text', label: 'SKU', required: true },
      { key: 'qty', type: 'number', label: 'Quantity', min: 1 },
    ],
  },
]);

describe('validateFormData', () => {
  it('accepts valid data, including money that floating point makes inexact', () => {
    expect(
      validateFormData(schema, {
        amount: 0.1 + 0.2,
        title: 'Abc',
        kind: 'refund',
        due: '2024-05-01',
        at: '2024-05-01T09:30:00Z',
        site: 'https://example.com/x',
        urgent: true,
        owner: 'u_1',
        proof: ['f_1'],
        items: [{ sku: 'A', qty: 2 }],
      }),
    ).toEqual([]);
  });

  it('reports a missing required field with its Chinese label', () => {
    expect(validateFormData(schema, {})).toEqual([{ path: 'amount', message: '金额 is required' }]);
  });

  it("treats '', whitespace, null and [] in a required field as missing, with one message each", () => {
    for (const amount of [null, '', '  ', []]) {
      expect(validateFormData(schema, { amount })).toEqual([
        { path: 'amount', message: '金额 is required' },
      ]);
    }
  });

  it('adds the node’s extra required fields', () => {
    expect(
      validateFormData(
        schema,
        { amount: 1, proof: [] },
        { required: ['proof', 'owner', 'amount'] },
      ),
    ).toEqual([
      { path: 'proof', message: 'Proof is required' },
      { path: 'owner', message: 'Owner is required' },
    ]);
  });

  it('gives readable messages for each kind of mistake', () => {
    const errors = validateFormData(schema, {
      amount: 1.234,
      title: 'abcdefg',
      kind: 'other',
      tags: ['a', 'a'],
      due: '2024-13-01',
      at: 'noon',
      site: 'not a url',
      urgent: 'yes',
      owner: 5,
      proof: [],
    });
    expect(errors).toEqual([
      { path: 'amount', message: '金额 must have at most 2 decimal places' },
      { path: 'title', message: 'Title must be at most 5 characters long' },
      { path: 'title', message: 'Title is not in the expected format' },
      { path: 'kind', message: 'Kind must be one of: "refund", "swap"' },
      { path: 'tags', message: 'Tags must have at most 1 item' },
      { path: 'tags', message: 'Tags must not contain the same item twice' },
      { path: 'due', message: 'Due date must be a date (YYYY-MM-DD)' },
      { path: 'at', message: 'At must be a date and time (e.g. 2024-05-01T09:30:00Z)' },
      { path: 'site', message: 'Site must be a link (URL)' },
      { path: 'urgent', message: 'Urgent must be yes or no' },
      { path: 'owner', message: 'Owner must be text' },
      { path: 'proof', message: 'Proof must have at least 1 item' },
    ]);
  });

  it('reports range errors', () => {
    expect(validateFormData(schema, { amount: -1, title: 'A' })).toEqual([
      { path: 'amount', message: '金额 must be at least 0' },
      { path: 'title', message: 'Title must be at least 2 characters long' },
    ]);
    expect(validateFormData(schema, { amount: 10001 })).toEqual([
      { path: 'amount', message: '金额 must be at most 10000' },
    ]);
  });

  it('addresses errors inside table rows as items[i].column', () => {
    const errors = validateFormData(schema, {
      amount: 1,
      items: [{ sku: 'A', qty: 1 }, { sku: '', qty: 0, extra: 1 }, { qty: 'two' }, 'row'],
    });
    expect(errors).toEqual([
      { path: 'items[1].sku', message: 'Items, row 2: SKU is required' },
      { path: 'items[2].sku', message: 'Items, row 3: SKU is required' },
      { path: 'items[1].extra', message: 'Items, row 2: extra is not a field of this form' },
      { path: 'items[1].qty', message: 'Items, row 2: Quantity must be at least 1' },
      { path: 'items[2].qty', message: 'Items, row 3: Quantity must be a number' },
      { path: 'items[3]', message: 'Items, row 4 must be an object' },
    ]);
  });

  it('reports data that is not an object against the whole form', () => {
    expect(validateFormData(schema, [])).toEqual([
      { path: '', message: 'The form must be an object' },
    ]);
  });

  it('quotes keys that are not identifiers and falls back to ajv for unusual keywords', () => {
    const odd: JsonSchema = {
      type: 'object',
      properties: {
        'a b': { type: 'string', const: 'x' },
        n: { type: ['integer', 'null'], exclusiveMinimum: 0, exclusiveMaximum: 10, multipleOf: 2 },
        o: { not: { type: 'string' } },
      },
    };
    expect(validateFormData(odd, { 'a b': 'y', n: 1.5, o: 's' })).toEqual([
      { path: '["a b"]', message: 'a b must be "x"' },
      { path: 'n', message: 'n must be a whole number or empty' },
      { path: 'n', message: 'n must be a multiple of 2' },
      { path: 'o', message: 'o must NOT be valid' },
    ]);
    expect(validateFormData(odd, { n: 0 })).toEqual([
      { path: 'n', message: 'n must be greater than 0' },
    ]);
    expect(validateFormData(odd, { n: 10 })).toEqual([
      { path: 'n', message: 'n must be less than 10' },
    ]);
  });

  it('reuses the compiled validator for the same schema object and tolerates a repeated $id', () => {
    const a: JsonSchema = {
      $id: 'https://baton.example/form',
      type: 'object',
      properties: { x: { type: 'string' } },
    };
    const b: JsonSchema = { ...a, properties: { x: { type: 'number' } } };
    expect(validateFormData(a, { x: 1 })).toHaveLength(1);
    expect(validateFormData(a, { x: 's' })).toEqual([]);
    expect(validateFormData(b, { x: 1 })).toEqual([]);
  });

  it('throws InvalidSchemaError for a schema ajv cannot compile', () => {
    expect(() =>
      validateFormData({ type: 'object', properties: { x: { type: 'strin' } } }, {}),
    ).toThrow(InvalidSchemaError);
    expect(() => validateFormData(null as never, {})).toThrow(/must be a JSON object/);
    try {
      validateFormData({ type: 'object', properties: { x: { pattern: '(' } } }, {});
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidSchemaError);
      expect((err as InvalidSchemaError).code).toBe('invalid_schema');
      expect((err as Error).message).toMatch(/^The form schema is invalid: .*regular expression/);
    }
  });
});

describe('isEmptyValue', () => {
  it('knows what an unfilled field looks like', () => {
    expect([undefined, null, '', ' ', []].every(isEmptyValue)).toBe(true);
    expect([0, false, 'a', ['a'], {}].some(isEmptyValue)).toBe(false);
  });
});

describe('schemaProblems', () => {
  it('accepts a compiled form', () => {
    expect(schemaProblems(schema)).toEqual([]);
    expect(
      schemaProblems({
        type: 'object',
        properties: { k: { type: 'string', enumNames: ['legacy rjsf'] } },
      }),
    ).toEqual([]);
  });

  it('refuses non-objects, other drafts and non-object schemas', () => {
    expect(schemaProblems('x')).toEqual([
      { path: '', message: 'The form schema must be a JSON object' },
    ]);
    expect(
      schemaProblems({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' }),
    ).toEqual([
      {
        path: '/$schema',
        message:
          'The form schema must be JSON Schema draft-07, not https://json-schema.org/draft/2020-12/schema',
      },
    ]);
    expect(
      schemaProblems({ $schema: 'https://example.com/draft-07/custom', type: 'object' }),
    ).toEqual([
      {
        path: '/$schema',
        message: expect.stringMatching(
          /^The form schema cannot be checked: no schema with key or ref/,
        ),
      },
    ]);
    expect(
      schemaProblems({ $schema: 'http://json-schema.org/draft-07/schema', type: 'object' }),
    ).toEqual([]);
    expect(schemaProblems({ type: 'string' })).toEqual([
      { path: '/type', message: 'The form schema must have type "object"' },
    ]);
  });

  it('reports meta-schema violations once per place', () => {
    expect(
      schemaProblems({ type: 'object', properties: { x: { type: 'strin' } }, required: 'x' }),
    ).toEqual([
      { path: '/required', message: 'The form schema at /required must be array' },
      {
        path: '/properties/x/type',
        message: 'The form schema at /properties/x/type must be equal to one of the allowed values',
      },
    ]);
  });

  it('reports bad keys, dangling required fields, bad patterns and unknown formats, all at once', () => {
    expect(
      schemaProblems({
        type: 'object',
        required: ['gone'],
        properties: {
          'a/b.c': { type: 'string', format: 'phone' },
          p: { type: 'string', pattern: '(' },
        },
      }),
    ).toEqual([
      {
        path: '/properties/a~1b.c',
        message:
          'Field key "a/b.c" must start with a letter or _ and contain only letters, digits and _',
      },
      { path: '/required', message: 'Required field "gone" is not in the form\'s properties' },
      {
        path: '',
        message: expect.stringMatching(/^The form schema cannot be compiled: .*regular expression/),
      },
      { path: '', message: 'The form schema uses an unknown format "phone"' },
    ]);
    expect(
      schemaProblems({ type: 'object', properties: { a: { type: 'string', format: 'phone' } } }),
    ).toEqual([{ path: '', message: 'The form schema uses an unknown format "phone"' }]);
  });
});
