import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import type { FieldType, FormField } from './catalogue.js';
import { InvalidFormError, compileForm, fieldsFromSchema } from './compile.js';
import { DRAFT_07 } from './schema-types.js';

const one = (field: FormField) => {
  const { schema, uiSchema } = compileForm([field]);
  return { prop: schema.properties![field.key], ui: uiSchema[field.key] };
};

describe('compileForm', () => {
  it('builds a draft-07 object schema with required list, order and title', () => {
    const { schema, uiSchema } = compileForm(
      [
        {
          key: 'title',
          type: 'text',
          label: '标题',
          required: true,
          placeholder: '请输入',
          help: '简短',
          minLength: 2,
          maxLength: 50,
          pattern: '^\\S',
        },
        { key: 'note', type: 'textarea', label: 'Note' },
      ],
      { title: '退款申请' },
    );
    expect(schema).toEqual({
      $schema: DRAFT_07,
      type: 'object',
      title: '退款申请',
      required: ['title'],
      properties: {
        title: { title: '标题', type: 'string', minLength: 2, maxLength: 50, pattern: '^\\S' },
        note: { title: 'Note', type: 'string' },
      },
    });
    expect(uiSchema).toEqual({
      'ui:order': ['title', 'note'],
      title: { 'ui:placeholder': '请输入', 'ui:help': '简短' },
      note: { 'ui:widget': 'textarea' },
    });
  });

  it('always has a required list, even when empty', () => {
    expect(compileForm([]).schema.required).toEqual([]);
  });

  it('compiles numbers and money', () => {
    expect(one({ key: 'n', type: 'number', label: 'N', min: 0, max: 9, default: 3 }).prop).toEqual({
      title: 'N',
      type: 'number',
      minimum: 0,
      maximum: 9,
      default: 3,
    });
    expect(one({ key: 'm', type: 'money', label: '金额', min: 0 })).toEqual({
      prop: { title: '金额', type: 'number', multipleOf: 0.01, minimum: 0 },
      ui: { 'ui:widget': 'money' },
    });
  });

  it.each<[FieldType, string]>([
    ['date', 'date'],
    ['datetime', 'date-time'],
    ['link', 'uri'],
  ])('compiles %s to a string with format %s', (type, format) => {
    expect(one({ key: 'f', type, label: 'F' }).prop).toEqual({
      title: 'F',
      type: 'string',
      format,
    });
  });

  it('compiles select and multi-select with labels in ui:enumNames', () => {
    const options = [
      { value: 'a', label: '甲' },
      { value: 'b', label: '乙' },
    ];
    expect(one({ key: 's', type: 'select', label: 'S', options })).toEqual({
      prop: { title: 'S', type: 'string', enum: ['a', 'b'] },
      ui: { 'ui:enumNames': ['甲', '乙'] },
    });
    expect(one({ key: 'm', type: 'multi-select', label: 'M', options, min: 1 })).toEqual({
      prop: {
        title: 'M',
        type: 'array',
        items: { type: 'string', enum: ['a', 'b'] },
        uniqueItems: true,
        minItems: 1,
      },
      ui: { 'ui:widget': 'checkboxes', 'ui:enumNames': ['甲', '乙'] },
    });
  });

  it('compiles checkbox, user, department and attachment', () => {
    expect(one({ key: 'c', type: 'checkbox', label: 'C', default: false }).prop).toEqual({
      title: 'C',
      type: 'boolean',
      default: false,
    });
    expect(one({ key: 'u', type: 'user', label: 'U' })).toEqual({
      prop: { title: 'U', type: 'string' },
      ui: { 'ui:widget': 'user' },
    });
    expect(one({ key: 'u', type: 'user', label: 'U', multiple: true }).prop).toEqual({
      title: 'U',
      type: 'array',
      items: { type: 'string' },
      uniqueItems: true,
    });
    expect(one({ key: 'd', type: 'department', label: 'D', multiple: true }).ui).toEqual({
      'ui:widget': 'department',
    });
    expect(one({ key: 'f', type: 'attachment', label: 'F', max: 3 })).toEqual({
      prop: {
        title: 'F',
        type: 'array',
        items: { type: 'string' },
        uniqueItems: true,
        maxItems: 3,
      },
      ui: { 'ui:widget': 'attachment' },
    });
  });

  it('compiles a table into an array of row objects with per-column ui', () => {
    const { prop, ui } = one({
      key: 'items',
      type: 'table',
      label: '明细',
      min: 1,
      columns: [
        { key: 'sku', type: 'text', label: 'SKU', required: true, placeholder: 'SKU-1' },
        { key: 'price', type: 'money', label: '单价' },
      ],
    });
    expect(prop).toEqual({
      title: '明细',
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['sku'],
        additionalProperties: false,
        properties: {
          sku: { title: 'SKU', type: 'string' },
          price: { title: '单价', type: 'number', multipleOf: 0.01 },
        },
      },
    });
    expect(ui).toEqual({
      items: {
        'ui:order': ['sku', 'price'],
        sku: { 'ui:placeholder': 'SKU-1' },
        price: { 'ui:widget': 'money' },
      },
    });
  });

  it('ignores properties that do not apply to the type', () => {
    expect(
      one({
        key: 'c',
        type: 'checkbox',
        label: 'C',
        minLength: 3,
        placeholder: 'x',
        options: [{ value: 'a', label: 'A' }],
      }),
    ).toEqual({ prop: { title: 'C', type: 'boolean' }, ui: undefined });
  });

  it('throws InvalidFormError listing the problems', () => {
    expect(() => compileForm([{ key: '1x', type: 'text', label: 'X' }])).toThrow(InvalidFormError);
    try {
      compileForm([{ key: 'a', type: 'select', label: 'A' }]);
    } catch (err) {
      expect((err as InvalidFormError).code).toBe('invalid_form');
      expect((err as InvalidFormError).problems[0].code).toBe('no_options');
      expect((err as Error).message).toContain('needs at least one option');
    }
  });
});

describe('fieldsFromSchema', () => {
  const fields: FormField[] = [
    { key: 'amount', type: 'money', label: '金额', required: true, min: 0, help: '人民币' },
    { key: 'reason', type: 'textarea', label: '原因', maxLength: 200 },
    {
      key: 'kind',
      type: 'select',
      label: '类型',
      options: [{ value: 'a', label: '甲' }],
      default: 'a',
    },
    { key: 'owner', type: 'user', label: '负责人', multiple: true },
    { key: 'dept', type: 'department', label: '部门' },
    { key: 'proof', type: 'attachment', label: '凭证' },
    {
      key: 'items',
      type: 'table',
      label: '明细',
      columns: [{ key: 'qty', type: 'number', label: '数量', required: true }],
    },
  ];

  it('reopens exactly what compileForm saved, even after JSON storage', () => {
    const saved = JSON.parse(JSON.stringify(compileForm(fields)));
    expect(fieldsFromSchema(saved.schema, saved.uiSchema)).toEqual(fields);
  });

  it('reads hand-written schemas best effort', () => {
    const schema = {
      type: 'object',
      required: ['b'],
      properties: {
        a: { type: 'integer' },
        b: { type: 'string', title: 'B' },
        c: { enum: ['x', 'y'] },
        d: { type: 'array', items: { type: 'string' } },
        e: { type: 'number', multipleOf: 0.01 },
      },
    };
    expect(
      fieldsFromSchema(schema, { 'ui:order': ['b', '*', 'zzz'], c: { 'ui:enumNames': ['X'] } }),
    ).toEqual([
      { key: 'b', type: 'text', label: 'B', required: true },
      { key: 'a', type: 'number', label: 'a' },
      {
        key: 'c',
        type: 'select',
        label: 'c',
        options: [
          { value: 'x', label: 'X' },
          { value: 'y', label: 'y' },
        ],
      },
      { key: 'd', type: 'attachment', label: 'd' },
      { key: 'e', type: 'money', label: 'e' },
    ]);
    expect(fieldsFromSchema({ type: 'object' })).toEqual([]);
  });

  it('refuses shapes the designer cannot show, naming them', () => {
    const schema = {
      type: 'object',
      properties: {
        geo: { type: 'object' },
        tags: { type: 'array', items: { type: 'number' } },
        odd: true as never,
      },
    };
    expect(() => fieldsFromSchema(schema)).toThrow(
      /"geo" has a shape the designer does not support/,
    );
    try {
      fieldsFromSchema(schema);
    } catch (err) {
      expect((err as InvalidFormError).problems.map((p) => p.path)).toEqual(['geo', 'tags', 'odd']);
    }
  });
});

// ---- round trip property ----

const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
const label = fc.oneof(
  fc.constantFrom('金额', '申请人', 'Quantity', '备注 Note'),
  fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== ''),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const range = fc.tuple(
  maybe(fc.integer({ min: 0, max: 50 })),
  maybe(fc.integer({ min: 50, max: 100 })),
);
const options = fc.uniqueArray(
  fc.record({ value: fc.string({ minLength: 1, maxLength: 5 }), label }),
  { minLength: 1, maxLength: 4, selector: (o) => o.value },
);

function field(type: FieldType, allowTable: boolean): fc.Arbitrary<FormField> {
  const base = fc.record({
    key,
    label,
    required: maybe(fc.boolean()),
    placeholder: maybe(fc.string({ maxLength: 6 })),
    help: maybe(fc.string({ maxLength: 6 })),
    default: maybe(fc.jsonValue({ maxDepth: 1 })),
    range,
    lengths: range,
    pattern: maybe(fc.constantFrom('^[0-9]+$', '\\S', '^SKU-')),
    options,
    multiple: maybe(fc.boolean()),
    columns: allowTable
      ? fc.uniqueArray(
          fc
            .constantFrom<FieldType>(
              'text',
              'number',
              'money',
              'date',
              'select',
              'user',
              'checkbox',
            )
            .chain((t) => field(t, false)),
          { minLength: 1, maxLength: 3, selector: (c) => c.key },
        )
      : fc.constant(undefined),
  });
  return base.map(({ range: [min, max], lengths: [minLength, maxLength], columns, ...rest }) => {
    const f: FormField = { ...rest, type, min, max, minLength, maxLength, columns };
    for (const k of Object.keys(f) as (keyof FormField)[]) if (f[k] === undefined) delete f[k];
    return f;
  });
}

const ALL: FieldType[] = [
  'text',
  'textarea',
  'number',
  'money',
  'date',
  'datetime',
  'select',
  'multi-select',
  'checkbox',
  'user',
  'department',
  'attachment',
  'table',
  'link',
];
const form = fc.uniqueArray(
  fc.constantFrom(...ALL).chain((t) => field(t, true)),
  { maxLength: 8, selector: (f) => f.key },
);

describe('round trip', () => {
  it('compile(fieldsFromSchema(compile(f))) equals compile(f)', () => {
    fc.assert(
      fc.property(form, maybe(label), (fields, title) => {
        const first = compileForm(fields, { title });
        const again = compileForm(fieldsFromSchema(first.schema, first.uiSchema), { title });
        expect(again).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });
});
