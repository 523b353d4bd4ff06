import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { compileForm } from './compile.js';
import type { FieldPermission } from './permissions-types.js';
import {
  applyPermissions,
  checkWrite,
  filterData,
  listFields,
  mergeWrite,
  permissionAt,
  requiredAt,
  type FieldPermissions,
} from './permissions.js';
import type { JsonSchema, UiSchema } from './schema-types.js';
import { validateFormData } from './validate.js';

const form = compileForm([
  { key: 'amount', type: 'money', label: '金额', required: true, placeholder: '0.00' },
  { key: 'reason', type: 'textarea', label: '原因' },
  { key: 'cost', type: 'money', label: '成本价' },
  { key: 'approved', type: 'checkbox', label: '已核实' },
]);
const data = { amount: 120, reason: '质量问题', cost: 80, approved: false };

describe('listFields', () => {
  it('lists top-level keys in schema order', () => {
    expect(listFields(form.schema)).toEqual(['amount', 'reason', 'cost', 'approved']);
    expect(listFields({ type: 'object' })).toEqual([]);
  });
});

describe('permissionAt', () => {
  const schema = form.schema;
  it('defaults to read at a node and edit at start', () => {
    expect(permissionAt(undefined, 'reason', { isStart: false })).toBe('read');
    expect(permissionAt({}, 'reason', { isStart: true, schema })).toBe('edit');
  });
  it("applies the schema's required list at start only", () => {
    expect(permissionAt(undefined, 'amount', { isStart: true, schema })).toBe('required');
    expect(permissionAt({ amount: 'edit' }, 'amount', { isStart: true, schema })).toBe('required');
    expect(permissionAt(undefined, 'amount', { isStart: false, schema })).toBe('read');
  });
  it('lets an explicit permission win', () => {
    expect(permissionAt({ amount: 'hidden' }, 'amount', { isStart: true, schema })).toBe('hidden');
    expect(permissionAt({ cost: 'required' }, 'cost', { isStart: false })).toBe('required');
  });
  it('does not mistake Object.prototype members for permissions', () => {
    expect(permissionAt({}, 'constructor', { isStart: false })).toBe('read');
  });
});

describe('applyPermissions', () => {
  const perms: FieldPermissions = { cost: 'hidden', approved: 'required', reason: 'edit' };

  it('gives an approver exactly what the node allows', () => {
    const view = applyPermissions({ ...form, data }, perms, { isStart: false });
    expect(view.permissions).toEqual({ amount: 'read', reason: 'edit', approved: 'required' });
    expect(view.data).toEqual({ amount: 120, reason: '质量问题', approved: false });
    expect(Object.keys(view.schema.properties!)).toEqual(['amount', 'reason', 'approved']);
    expect(view.schema.required).toEqual(['approved']);
    expect(view.schema.properties!.amount).toEqual({
      title: '金额',
      type: 'number',
      multipleOf: 0.01,
      readOnly: true,
    });
    expect(view.schema.properties!.reason.readOnly).toBeUndefined();
    expect(view.uiSchema).toEqual({
      'ui:order': ['amount', 'reason', 'approved'],
      amount: { 'ui:widget': 'money', 'ui:placeholder': '0.00', 'ui:readonly': true },
      reason: { 'ui:widget': 'textarea' },
    });
  });

  it("keeps the schema's required fields at start and drops them elsewhere", () => {
    expect(
      applyPermissions({ ...form, data: {} }, undefined, { isStart: true }).schema.required,
    ).toEqual(['amount']);
    expect(
      applyPermissions({ ...form, data: {} }, undefined, { isStart: false }).schema.required,
    ).toEqual([]);
  });

  it('strips a hidden field from required, dependencies, ui:order and a whole-form default', () => {
    const schema: JsonSchema = {
      type: 'object',
      required: ['secret'],
      default: { secret: 'S1', open: 'o' },
      dependencies: { secret: ['open'], open: ['secret'], other: { properties: {} } },
      properties: { secret: { type: 'string', default: 'S2' }, open: { type: 'string' } },
    };
    const view = applyPermissions(
      {
        schema,
        uiSchema: { 'ui:order': ['secret', '*'], secret: { 'ui:help': 'h' } },
        data: { secret: 'S3', open: 'o' },
      },
      { secret: 'hidden', open: 'edit' },
      { isStart: true },
    );
    expect(view.schema).toEqual({
      type: 'object',
      required: [],
      default: { open: 'o' },
      dependencies: { open: [], other: { properties: {} } },
      properties: { open: { type: 'string' } },
    });
    expect(view.uiSchema).toEqual({ 'ui:order': ['*'] });
    expect(JSON.stringify(view)).not.toMatch(/S1|S2|S3/);
  });

  it('keeps data keys the schema does not know, unless a permission hides them', () => {
    expect(
      applyPermissions(
        { schema: { type: 'object' }, uiSchema: {}, data: { legacy: 1, gone: 2 } },
        { gone: 'hidden' },
        { isStart: false },
      ).data,
    ).toEqual({ legacy: 1 });
  });

  it('never mutates its input', () => {
    const input = structuredClone({ ...form, data });
    const frozen = deepFreeze(structuredClone(input));
    applyPermissions(frozen, perms, { isStart: false });
    expect(frozen).toEqual(input);
  });

  it('produces a schema that still validates the visible data', () => {
    const view = applyPermissions({ ...form, data }, perms, { isStart: false });
    expect(validateFormData(view.schema, view.data)).toEqual([]);
  });
});

describe('filterData', () => {
  it('drops hidden fields only, and copies values', () => {
    const rows = [{ sku: 'a' }];
    const out = filterData({ a: 1, b: 2, rows }, { b: 'hidden' }, { isStart: false });
    expect(out).toEqual({ a: 1, rows });
    expect(out.rows).not.toBe(rows);
    expect(filterData(undefined, undefined, { isStart: true })).toEqual({});
  });
});

describe('checkWrite', () => {
  const schema = form.schema;
  it('refuses read and hidden fields and unknown keys, with readable messages', () => {
    expect(
      checkWrite(
        { reason: 'edit', cost: 'hidden', approved: 'required' },
        { reason: 'x', approved: true, amount: 1, cost: 2, hack: 3 },
        { isStart: false, schema },
      ),
    ).toEqual([
      { path: 'amount', message: '金额 cannot be changed at this step' },
      { path: 'cost', message: 'cost cannot be changed at this step' },
      { path: 'hack', message: '"hack" is not a field of this form' },
    ]);
  });
  it('allows every field at start unless named otherwise', () => {
    expect(checkWrite(undefined, data, { isStart: true, schema })).toEqual([]);
    expect(checkWrite({ cost: 'read' }, { cost: 1 }, { isStart: true, schema })).toHaveLength(1);
  });
  it('falls back to the key for an untitled field', () => {
    expect(
      checkWrite(
        {},
        { x: 1 },
        { isStart: false, schema: { type: 'object', properties: { x: { type: 'number' } } } },
      ),
    ).toEqual([{ path: 'x', message: 'x cannot be changed at this step' }]);
  });
});

describe('requiredAt', () => {
  it("lists the node's required fields, and the schema's own at start", () => {
    expect(
      requiredAt({ approved: 'required', cost: 'edit' }, form.schema, { isStart: false }),
    ).toEqual(['approved']);
    expect(requiredAt({ approved: 'required' }, form.schema, { isStart: true })).toEqual([
      'amount',
      'approved',
    ]);
    expect(requiredAt({ amount: 'read' }, form.schema, { isStart: true })).toEqual([]);
  });
});

describe('mergeWrite', () => {
  it('returns a new object; null clears a field', () => {
    const before = { a: 1, b: 'x', rows: [{ q: 1 }] };
    const snapshot = structuredClone(before);
    const after = mergeWrite(before, { b: null, c: true, rows: [{ q: 2 }] });
    expect(after).toEqual({ a: 1, c: true, rows: [{ q: 2 }] });
    expect(before).toEqual(snapshot);
    expect(mergeWrite(undefined, { a: 1 })).toEqual({ a: 1 });
  });
});

// ---- properties ----

const PERMS: FieldPermission[] = ['hidden', 'read', 'edit', 'required'];
const keys = fc.uniqueArray(fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/), {
  minLength: 1,
  maxLength: 8,
});
const scenario = keys.chain((fields) =>
  fc.record({
    fields: fc.constant(fields),
    perms: fc.option(
      fc.dictionary(fc.constantFrom(...fields, 'ghost'), fc.constantFrom(...PERMS)),
      { nil: undefined },
    ),
    required: fc.subarray(fields),
    isStart: fc.boolean(),
    secrets: fc.array(fc.uuid(), { minLength: fields.length, maxLength: fields.length }),
    shapes: fc.array(fc.constantFrom('plain', 'rows', 'list'), {
      minLength: fields.length,
      maxLength: fields.length,
    }),
    unknown: fc.array(fc.stringMatching(/^[A-Z][a-z]{0,4}$/), { maxLength: 3 }),
  }),
);

function build(s: { fields: string[]; required: string[]; secrets: string[]; shapes: string[] }) {
  const secretOf = (i: number) => `SECRET-${s.secrets[i]}`;
  const wrap = (value: string, shape: string) =>
    shape === 'rows' ? [{ col: value }] : shape === 'list' ? [value] : value;
  const properties: Record<string, JsonSchema> = {};
  const uiSchema: UiSchema = { 'ui:order': [...s.fields] };
  const data: Record<string, unknown> = {};
  s.fields.forEach((key, i) => {
    properties[key] = { title: `Field ${i}`, default: wrap(secretOf(i), s.shapes[i]) };
    uiSchema[key] = { 'ui:placeholder': secretOf(i) };
    data[key] = wrap(secretOf(i), s.shapes[i]);
  });
  const schema: JsonSchema = {
    type: 'object',
    required: s.required,
    properties,
    dependencies: Object.fromEntries(s.fields.map((k) => [k, s.fields])),
  };
  return { schema, uiSchema, data, secretOf };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('permission properties', () => {
  it("applyPermissions never leaks a hidden field's value, and never mutates input", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { schema, uiSchema, data, secretOf } = build(s);
        const input = deepFreeze({ schema, uiSchema, data });
        const before = JSON.stringify(input);
        const out = JSON.stringify(applyPermissions(input, s.perms, { isStart: s.isStart }));
        expect(JSON.stringify(input)).toBe(before);
        s.fields.forEach((key, i) => {
          const hidden = s.perms?.[key] === 'hidden';
          expect(out.includes(secretOf(i))).toBe(!hidden);
          expect(
            JSON.stringify(filterData(data, s.perms, { isStart: s.isStart })).includes(secretOf(i)),
          ).toBe(!hidden);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('checkWrite refuses exactly the written fields that are not edit/required, plus unknown ones', () => {
    fc.assert(
      fc.property(scenario, fc.func(fc.boolean()), (s, pick) => {
        const { schema } = build(s);
        const written = Object.fromEntries(
          [...s.fields.filter((k) => pick(k)), ...s.unknown].map((k) => [k, 1]),
        );
        const refused = checkWrite(s.perms, written, { isStart: s.isStart, schema }).map(
          (e) => e.path,
        );
        const expected = Object.keys(written).filter((k) => {
          if (!s.fields.includes(k)) return true;
          const named = s.perms?.[k];
          return named === 'hidden' || named === 'read' || (named === undefined && !s.isStart);
        });
        expect(refused).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('requiredAt agrees with the required list applyPermissions hands out', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { schema, uiSchema, data } = build(s);
        const view = applyPermissions({ schema, uiSchema, data }, s.perms, { isStart: s.isStart });
        expect(view.schema.required).toEqual(requiredAt(s.perms, schema, { isStart: s.isStart }));
      }),
    );
  });
});
