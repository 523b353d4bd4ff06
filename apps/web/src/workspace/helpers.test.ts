import { describe, expect, it } from '@jest/globals';
import { groupCatalogue } from './catalogue';
import {
  fieldErrorsToTree,
  pathSegments,
  permissionsOf,
  startFormOf,
  translateClientErrors,
  writableData,
} from './form-helpers';
import * as money from './money';
import { slaColor, statusColor, statusKey } from './status';
import type { ProcessSummary } from '@baton/contracts';
import type { DefinitionLite } from './types';

const p = (
  key: string,
  name: string,
  category: string | null,
  description: string | null = null,
): ProcessSummary => ({
  key,
  name,
  category,
  description,
  latestVersion: 1,
});

describe('groupCatalogue', () => {
  const list = [
    p('refund', '退款审批', '售后'),
    p('leave', '请假', null),
    p('listing', '新品上架', '电商运营', '商品信息与定价'),
    p('exchange', '换货', '售后'),
  ];

  it('groups by category in first-seen order, uncategorised last', () => {
    expect(groupCatalogue(list).map((g) => [g.category, g.items.map((i) => i.key)])).toEqual([
      ['售后', ['refund', 'exchange']],
      ['电商运营', ['listing']],
      [null, ['leave']],
    ]);
  });

  it('filters on name, description, category and key, ignoring case', () => {
    expect(groupCatalogue(list, '定价').map((g) => g.items[0].key)).toEqual(['listing']);
    expect(groupCatalogue(list, '售后').flatMap((g) => g.items.map((i) => i.key))).toEqual([
      'refund',
      'exchange',
    ]);
    expect(groupCatalogue(list, 'LEAVE').flatMap((g) => g.items.map((i) => i.key))).toEqual([
      'leave',
    ]);
    expect(groupCatalogue(list, 'nothing')).toEqual([]);
  });
});

describe('startFormOf', () => {
  const definition: DefinitionLite = {
    key: 'k',
    name: 'n',
    form: {
      schema: {
        type: 'object',
        required: ['title'],
        properties: {
          title: { type: 'string' },
          amount: { type: 'number' },
          secret: { type: 'string' },
        },
      },
      uiSchema: { 'ui:order': ['title', 'amount', 'secret'], amount: { 'ui:widget': 'money' } },
    },
    graph: {
      nodes: [{ id: 's', type: 'start', fieldPermissions: { secret: 'hidden', amount: 'read' } }],
      edges: [],
    },
  };

  it('hides what the start node hides and keeps the rest', () => {
    const form = startFormOf(definition);
    expect(Object.keys(form.schema.properties as object)).toEqual(['title', 'amount']);
    expect(form.uiSchema['ui:order']).toEqual(['title', 'amount']);
    expect(form.permissions).toEqual({ title: 'required', amount: 'read' });
    expect((form.uiSchema.amount as Record<string, unknown>)['ui:readonly']).toBe(true);
  });
});

describe('server field errors', () => {
  it('parses the API paths', () => {
    expect(pathSegments('amount')).toEqual(['amount']);
    expect(pathSegments('items[0].qty')).toEqual(['items', '0', 'qty']);
    expect(pathSegments('["odd key"]')).toEqual(['odd key']);
    expect(pathSegments('(data)')).toEqual(['(data)']);
  });

  it('puts each message under its field, the rest in a banner', () => {
    const schema = { type: 'object', properties: { amount: {}, items: {} } };
    const { tree, unplaced } = fieldErrorsToTree(
      [
        { path: 'amount', message: '金额 is required' },
        { path: 'items[1].qty', message: 'must be >= 1' },
        { path: '(data)', message: 'must be an object' },
      ],
      schema,
    );
    expect(tree).toEqual({
      amount: { __errors: ['金额 is required'] },
      items: { '1': { qty: { __errors: ['must be >= 1'] } } },
    });
    expect(unplaced).toEqual(['must be an object']);
  });
});

describe('translateClientErrors', () => {
  const t = (key: string, vars?: Record<string, unknown>) => `${key}|${String(vars?.limit ?? '')}`;
  it('translates known ajv errors and keeps the others', () => {
    const out = translateClientErrors(
      [
        {
          name: 'required',
          params: { missingProperty: 'x' },
          stack: 'x is required',
          message: 'must have required property',
        },
        { name: 'minimum', params: { limit: 5 }, stack: 's', message: 'must be >= 5' },
        { name: 'weird', stack: 'keep', message: 'keep' },
      ],
      t,
    );
    expect(out.map((e) => e.message)).toEqual([
      'form.error.required|',
      'form.error.minimum|5',
      'keep',
    ]);
  });
});

describe('writableData and permissionsOf', () => {
  it('sends only what the node may write', () => {
    expect(
      writableData(
        { a: 1, b: 2, c: 3, d: undefined },
        { a: 'edit', b: 'read', c: 'required', d: 'edit' },
      ),
    ).toEqual({ a: 1, c: 3 });
  });

  it('reads permissions from ui:readonly when the API does not list them', () => {
    expect(
      permissionsOf({
        schema: { properties: { a: {}, b: {}, c: {} }, required: ['c'] },
        uiSchema: { a: { 'ui:readonly': true } },
      }),
    ).toEqual({ a: 'read', b: 'edit', c: 'required' });
  });
});

describe('status colours', () => {
  it('maps statuses and SLA lights', () => {
    expect(statusColor('approved')).toBe('success');
    expect(statusColor('rejected')).toBe('error');
    expect(statusKey('withdrawn')).toBe('status.withdrawn');
    expect(statusKey('new')).toBeNull();
    expect(slaColor('yellow')).toBe('#faad14');
    expect(slaColor(undefined)).toBeNull();
  });
});

describe('moneyText', () => {
  it('groups thousands and keeps two decimals once typing stops', () => {
    const { moneyText } = money;
    expect(moneyText(1234.5)).toBe('1,234.50');
    expect(moneyText('1234567')).toBe('1,234,567.00');
    expect(moneyText(0)).toBe('0.00');
    expect(moneyText(null)).toBe('');
    expect(moneyText(12, '12.')).toBe('12.');
  });
});
