import { describe, expect, it } from '@jest/globals';
import { compileForm } from './compile.js';
import { formSummary } from './summary.js';

const { schema, uiSchema } = compileForm([
  { key: 'notes', type: 'textarea', label: '说明' },
  { key: 'item', type: 'text', label: '物品' },
  { key: 'amount', type: 'money', label: '金额' },
  { key: 'kind', type: 'select', label: '类型', options: [{ value: 'furniture', label: '家具' }] },
  { key: 'owner', type: 'user', label: '负责人' },
  { key: 'needed', type: 'date', label: '需要日期' },
  { key: 'urgent', type: 'checkbox', label: '加急' },
]);
const data = {
  notes: 'long text',
  item: 'Desk lamp',
  amount: 129.5,
  kind: 'furniture',
  owner: 'u1',
  needed: '2026-12-01',
  urgent: true,
};
const all = () => true;

describe('formSummary', () => {
  it('takes the first short fields in form order, choices by their label', () => {
    expect(formSummary(schema, uiSchema, data, { visible: all })).toEqual([
      { field: 'item', label: '物品', kind: 'text', value: 'Desk lamp' },
      { field: 'amount', label: '金额', kind: 'money', value: 129.5 },
      { field: 'kind', label: '类型', kind: 'text', value: '家具' },
    ]);
  });

  it('never reads a field the reader may not see, and skips empty values', () => {
    const summary = formSummary(
      schema,
      uiSchema,
      { ...data, item: '' },
      { visible: (f) => f !== 'amount', max: 4 },
    );
    expect(summary.map((s) => s.field)).toEqual(['kind', 'needed', 'urgent']);
    expect(JSON.stringify(summary)).not.toContain('129.5');
  });

  it('follows the chosen fields, ignoring unknown and unsuitable ones', () => {
    const summary = formSummary(schema, uiSchema, data, {
      visible: all,
      fields: ['needed', 'nope', 'owner', 'notes', 'urgent'],
    });
    expect(summary).toEqual([
      { field: 'needed', label: '需要日期', kind: 'date', value: '2026-12-01' },
      { field: 'urgent', label: '加急', kind: 'boolean', value: true },
    ]);
  });

  it('shortens long text to one line', () => {
    const [first] = formSummary(
      schema,
      uiSchema,
      { item: `a\n${'x'.repeat(80)}` },
      { visible: all, max: 1 },
    );
    expect(first.value).toMatch(/^a x+…$/);
    expect([...(first.value as string)]).toHaveLength(40);
  });

  it('copes with values of the wrong shape and schemas without fields', () => {
    expect(formSummary(schema, uiSchema, { amount: 'lots', item: 3 }, { visible: all })).toEqual(
      [],
    );
    expect(formSummary({}, {}, data, { visible: all })).toEqual([]);
  });
});
