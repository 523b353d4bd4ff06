import { describe, expect, it } from '@jest/globals';
import { compileForm, type FormField, type JsonSchema } from '@baton/forms';
import {
  cellDisplay,
  columnKind,
  columnSum,
  errorsAfterRemoval,
  isTableSchema,
  limitHint,
  rowKeysFor,
  tableColumns,
  tableKeys,
  tableLimits,
  tableTotals,
  withRowAdded,
  withRowRemoved,
  withTableFields,
} from './table-field';
import { translateClientErrors } from './form-helpers';

const lines: FormField = {
  key: 'lines',
  type: 'table',
  label: 'Lines',
  min: 1,
  max: 3,
  columns: [
    { key: 'sku', type: 'text', label: 'SKU', required: true },
    { key: 'qty', type: 'number', label: 'Quantity' },
    { key: 'price', type: 'money', label: 'Unit price' },
    {
      key: 'channel',
      type: 'select',
      label: 'Channel',
      options: [
        { value: 'tmall', label: '天猫' },
        { value: 'jd', label: '京东' },
      ],
    },
    { key: 'owner', type: 'user', label: 'Owner' },
  ],
};
const form = compileForm([{ key: 'title', type: 'text', label: 'Title' }, lines]);
const linesSchema = (form.schema.properties as Record<string, JsonSchema>).lines;
const linesUi = form.uiSchema.lines as Record<string, unknown>;

describe('which fields are tables', () => {
  it('is a list of row objects, as packages/forms compiles a table', () => {
    expect(isTableSchema(linesSchema)).toBe(true);
    expect(isTableSchema({ type: 'array', items: { type: 'string' } })).toBe(false);
    expect(isTableSchema({ type: 'object', properties: {} })).toBe(false);
    expect([...tableKeys(form.schema)]).toEqual(['lines']);
  });

  it('marks every table field ui:field table and leaves the rest alone', () => {
    const ui = withTableFields(form.schema, form.uiSchema);
    expect(ui.lines).toEqual({ ...linesUi, 'ui:field': 'table' });
    expect(ui.title).toEqual(form.uiSchema.title);
    expect(form.uiSchema.lines).toEqual(linesUi); // not mutated
  });

  it('marks a template-style table that carries no uiSchema at all', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        products: { type: 'array', items: { type: 'object', properties: { sku: {} } } },
      },
    };
    expect(withTableFields(schema, {})).toEqual({ products: { 'ui:field': 'table' } });
  });

  it('keeps a field that names its own field or widget', () => {
    const ui = { lines: { 'ui:field': 'mine' } };
    expect(withTableFields(form.schema, ui)).toBe(ui);
  });
});

describe('columns', () => {
  it('are the sub-fields in designer order, headed by their labels, required marked', () => {
    const columns = tableColumns(linesSchema, linesUi);
    expect(columns.map((c) => [c.key, c.title, c.required, c.kind])).toEqual([
      ['sku', 'SKU', true, 'text'],
      ['qty', 'Quantity', false, 'number'],
      ['price', 'Unit price', false, 'money'],
      ['channel', 'Channel', false, 'choice'],
      ['owner', 'Owner', false, 'widget'],
    ]);
  });

  it('follow ui:order with its * wildcard, and fall back to the key without a title', () => {
    const schema: JsonSchema = {
      type: 'array',
      items: { type: 'object', properties: { a: {}, b: { title: 'B' }, c: {}, d: {} } },
    };
    const order = (o: unknown[]) =>
      tableColumns(schema, { items: { 'ui:order': o } }).map((c) => c.key);
    expect(order(['c', '*', 'a'])).toEqual(['c', 'b', 'd', 'a']);
    expect(order(['d'])).toEqual(['d', 'a', 'b', 'c']);
    expect(tableColumns(schema)[0].title).toBe('a');
    expect(tableColumns(schema)[1].title).toBe('B');
  });

  it('tell the kinds read-only text can show from those that need their widget', () => {
    expect(columnKind({ type: 'number', minimum: 0 }, {})).toBe('number');
    expect(columnKind({ type: 'string', format: 'date' }, {})).toBe('date');
    expect(columnKind({ type: 'boolean' }, {})).toBe('checkbox');
    expect(columnKind({ type: 'array', items: { type: 'string', enum: ['a'] } }, {})).toBe(
      'choices',
    );
    expect(columnKind({ type: 'array', items: { type: 'string' } }, {})).toBe('widget');
    expect(columnKind({ type: 'string' }, { 'ui:widget': 'department' })).toBe('widget');
  });
});

describe('adding and deleting rows', () => {
  it('adds a row at the end', () => {
    expect(withRowAdded([{ sku: 'A' }], {})).toEqual([{ sku: 'A' }, {}]);
    expect(withRowAdded(undefined, undefined)).toEqual([{}]);
  });

  it('deletes the row asked for', () => {
    expect(withRowRemoved([{ sku: 'A' }, { sku: 'B' }, { sku: 'C' }], 1)).toEqual([
      { sku: 'A' },
      { sku: 'C' },
    ]);
  });

  it('leaves an emptied required table undefined, so it reports "required"', () => {
    expect(withRowRemoved([{ sku: 'A' }], 0, true)).toBeUndefined();
    expect(withRowRemoved([{ sku: 'A' }], 0, false)).toEqual([]);
  });

  it('moves the errors of later rows up with their rows', () => {
    const errors = {
      0: { sku: { __errors: ['first'] } },
      1: { sku: { __errors: ['second'] } },
      2: { qty: { __errors: ['third'] } },
    };
    expect(errorsAfterRemoval(errors, 1)).toEqual({
      0: { sku: { __errors: ['first'] } },
      1: { qty: { __errors: ['third'] } },
    });
    expect(errorsAfterRemoval(undefined, 0)).toBeUndefined();
  });

  it('keeps row keys stable, adding keys for rows that arrive from outside', () => {
    let n = 0;
    const fresh = () => `k${(n += 1)}`;
    const keys = rowKeysFor([], 2, fresh);
    expect(keys).toEqual(['k1', 'k2']);
    expect(rowKeysFor(keys, 2, fresh)).toBe(keys);
    expect(rowKeysFor(keys, 3, fresh)).toEqual(['k1', 'k2', 'k3']);
    expect(rowKeysFor(keys, 1, fresh)).toEqual(['k1']);
  });
});

describe('row limits', () => {
  it('stops adding at maxItems and deleting at minItems', () => {
    expect(tableLimits(linesSchema, 0)).toEqual({ min: 1, max: 3, canAdd: true, canRemove: false });
    expect(tableLimits(linesSchema, 2)).toEqual({ min: 1, max: 3, canAdd: true, canRemove: true });
    expect(tableLimits(linesSchema, 3)).toEqual({ min: 1, max: 3, canAdd: false, canRemove: true });
    expect(tableLimits({ type: 'array' }, 99)).toEqual({
      min: undefined,
      max: undefined,
      canAdd: true,
      canRemove: true,
    });
  });

  it('says why the add button stopped, and what the limits are before that', () => {
    expect(limitHint(tableLimits(linesSchema, 3))).toEqual({
      key: 'form.table.maxReached',
      vars: { max: 3 },
    });
    expect(limitHint(tableLimits(linesSchema, 1))).toEqual({
      key: 'form.table.range',
      vars: { min: 1, max: 3 },
    });
    expect(limitHint(tableLimits({ maxItems: 5 }, 0))?.key).toBe('form.table.atMost');
    expect(limitHint(tableLimits({ minItems: 2 }, 0))?.key).toBe('form.table.atLeast');
    expect(limitHint(tableLimits({}, 0))).toBeNull();
  });

  it('names rows, not picks, in a table limit error', () => {
    const t = (key: string, vars?: Record<string, unknown>) => `${key}|${String(vars?.limit)}`;
    const errors = [
      { name: 'minItems', property: '.lines', params: { limit: 1 }, stack: '', message: '' },
      { name: 'maxItems', property: '.lines', params: { limit: 3 }, stack: '', message: '' },
      { name: 'minItems', property: '.tags', params: { limit: 2 }, stack: '', message: '' },
      { name: 'minimum', property: '.lines.0.qty', params: { limit: 0 }, stack: '', message: '' },
    ];
    expect(translateClientErrors(errors, t, tableKeys(form.schema)).map((e) => e.message)).toEqual([
      'form.error.minRows|1',
      'form.error.maxRows|3',
      'form.error.minItems|2',
      'form.error.minimum|0',
    ]);
  });
});

describe('read-only cells', () => {
  const [sku, qty, price, channel, owner] = tableColumns(linesSchema, linesUi);
  const yesNo = { yes: '是', no: '否' };
  const show = (column: typeof sku, value: unknown, language: 'zh-CN' | 'en' = 'zh-CN') =>
    cellDisplay(column, value, language, yesNo);

  it('shows values the way the rest of Baton does', () => {
    expect(show(sku, 'A-1')).toEqual({ kind: 'text', text: 'A-1' });
    expect(show(qty, 12345)).toEqual({ kind: 'text', text: '12,345' });
    expect(show(price, 1234.5)).toEqual({ kind: 'text', text: '¥1,234.50' });
    expect(show(price, 1234.5, 'en')).toEqual({ kind: 'text', text: '¥1,234.50' });
    expect(show(channel, 'jd')).toEqual({ kind: 'text', text: '京东' });
  });

  it('shows "—" for an empty cell', () => {
    expect(show(sku, undefined)).toEqual({ kind: 'text', text: '—' });
    expect(show(qty, null)).toEqual({ kind: 'text', text: '—' });
    expect(show(sku, '')).toEqual({ kind: 'text', text: '—' });
  });

  it('leaves people, departments and attachments to their own widgets, unless empty', () => {
    expect(show(owner, 'u1')).toEqual({ kind: 'widget' });
    expect(show(owner, undefined)).toEqual({ kind: 'text', text: '—' });
    expect(show(owner, [])).toEqual({ kind: 'text', text: '—' });
  });

  it('shows yes/no, choices and links', () => {
    const column = (schema: JsonSchema, ui = {}) =>
      tableColumns(
        { type: 'array', items: { type: 'object', properties: { x: schema } } },
        {
          items: { x: ui },
        },
      )[0];
    expect(show(column({ type: 'boolean' }), true)).toEqual({ kind: 'text', text: '是' });
    expect(show(column({ type: 'boolean' }), false)).toEqual({ kind: 'text', text: '否' });
    const choices = column(
      { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
      { 'ui:enumNames': ['甲', '乙'] },
    );
    expect(show(choices, ['a', 'b'])).toEqual({ kind: 'text', text: '甲、乙' });
    expect(show(choices, ['a', 'b'], 'en')).toEqual({ kind: 'text', text: '甲, 乙' });
    const link = column({ type: 'string', format: 'uri' });
    expect(show(link, 'https://example.com/a')).toEqual({
      kind: 'link',
      href: 'https://example.com/a',
      text: 'https://example.com/a',
    });
    expect(show(link, 'javascript:alert(1)')).toEqual({
      kind: 'text',
      text: 'javascript:alert(1)',
    });
  });
});

describe('the totals row', () => {
  const columns = tableColumns(linesSchema, linesUi);
  const column = (key: string) => columns.find((c) => c.key === key)!;

  it('adds money in cents, so 0.1 + 0.2 is 0.30', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(columnSum(column('price'), [{ price: 0.1 }, { price: 0.2 }])).toBe(0.3);
    const totals = tableTotals(columns, [{ price: 0.1 }, { price: 0.2 }], 'en');
    expect(totals?.get('price')).toBe('¥0.30');
    const many = Array.from({ length: 10 }, () => ({ price: 0.1 }));
    expect(columnSum(column('price'), many)).toBe(1);
  });

  it('adds numbers without floating-point crumbs', () => {
    expect(columnSum(column('qty'), [{ qty: 0.1 }, { qty: 0.2 }, { qty: 1.25 }])).toBe(1.55);
    expect(columnSum(column('qty'), [{ qty: 1e-7 }, { qty: 2e-7 }])).toBe(3e-7);
    expect(columnSum(column('qty'), [{ qty: 2 }, { qty: -5 }])).toBe(-3);
    expect(columnSum(column('qty'), [{ qty: 1e300 }, { qty: 0.5 }])).toBe(1e300);
  });

  it('counts only the filled cells', () => {
    const rows = [{ qty: 2, price: 1234.5 }, { sku: 'B' }, { qty: '', price: null }, null];
    expect(columnSum(column('qty'), rows)).toBe(2);
    expect(columnSum(column('price'), rows)).toBe(1234.5);
    expect(columnSum(column('qty'), [{}, { qty: undefined }])).toBeUndefined();
  });

  it('writes each total like its cells, in the language, "—" when nothing is filled', () => {
    const rows = [
      { qty: 1200, price: 1234.5 },
      { qty: 34.5, price: 0.5 },
    ];
    expect(tableTotals(columns, rows, 'en')).toEqual(
      new Map([
        ['qty', '1,234.5'],
        ['price', '¥1,235.00'],
      ]),
    );
    expect(tableTotals(columns, rows, 'zh-CN')?.get('price')).toBe('¥1,235.00');
    expect(tableTotals(columns, [{ sku: 'A' }], 'en')).toEqual(
      new Map([
        ['qty', '—'],
        ['price', '—'],
      ]),
    );
  });

  it('totals only money and number columns, and only when there are rows', () => {
    const totals = tableTotals(columns, [{ sku: 'A', qty: 1 }], 'en');
    expect([...totals!.keys()]).toEqual(['qty', 'price']);
    expect(tableTotals(columns, [], 'en')).toBeNull();
    const textOnly = columns.filter((c) => c.key === 'sku' || c.key === 'channel');
    expect(tableTotals(textOnly, [{ sku: 'A' }], 'en')).toBeNull();
  });

  it('rounds each money cell to the cent it shows as before adding', () => {
    // two cells shown as ¥0.01 each add up to ¥0.02, not ¥0.01
    expect(columnSum(column('price'), [{ price: 0.006 }, { price: 0.006 }])).toBe(0.02);
  });
});
