import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Driver, processOf, orgSnapshot, validateDefinition } from '@baton/flow';
import {
  fromJsonLogic,
  newRule,
  normaliseGroup,
  operatorsFor,
  toJsonLogic,
  valueInputFor,
  type ConditionGroup,
  type ConditionItem,
  type ConditionOperator,
  type ConditionRule,
} from './condition-builder';
import { AMOUNT_OVER_500, FIELDS } from './test-fixtures';

const scalar = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const field = fc.constantFrom('amount', 'platform', 'title', 'tags', 'address.city');
const rule: fc.Arbitrary<ConditionRule> = fc.oneof(
  fc.record({
    field,
    operator: fc.constantFrom<ConditionOperator>('eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'contains'),
    value: scalar,
  }),
  fc.record({
    field,
    operator: fc.constantFrom<ConditionOperator>('in', 'notIn'),
    value: fc.array(scalar, { maxLength: 4 }),
  }),
  fc.record({ field, operator: fc.constantFrom<ConditionOperator>('empty', 'notEmpty') }),
);
const { group } = fc.letrec<{ group: ConditionGroup; item: ConditionItem }>((tie) => ({
  group: fc.record({
    op: fc.constantFrom<'and' | 'or'>('and', 'or'),
    items: fc.array(tie('item'), { maxLength: 4 }),
  }),
  item: fc.oneof({ depthSize: 'small', withCrossShrink: true }, rule, tie('group')),
}));

describe('condition builder ↔ JsonLogic', () => {
  it('writes one row as the bare rule edges are written by hand', () => {
    const g: ConditionGroup = {
      op: 'and',
      items: [{ field: 'amount', operator: 'gte', value: 500 }],
    };
    expect(toJsonLogic(g)).toEqual(AMOUNT_OVER_500);
    expect(fromJsonLogic(AMOUNT_OVER_500)).toEqual(g);
  });

  it('writes nested and/or groups', () => {
    const g: ConditionGroup = {
      op: 'or',
      items: [
        { field: 'platform', operator: 'in', value: ['douyin', 'kuaishou'] },
        {
          op: 'and',
          items: [
            { field: 'amount', operator: 'lt', value: 100 },
            { field: 'title', operator: 'notEmpty' },
          ],
        },
      ],
    };
    expect(toJsonLogic(g)).toEqual({
      or: [
        { in: [{ var: 'platform' }, ['douyin', 'kuaishou']] },
        { and: [{ '<': [{ var: 'amount' }, 100] }, { '!!': { var: 'title' } }] },
      ],
    });
    expect(fromJsonLogic(toJsonLogic(g))).toEqual(g);
  });

  it('gives no condition for a group without rows', () => {
    expect(toJsonLogic({ op: 'and', items: [] })).toBeUndefined();
    expect(fromJsonLogic(undefined)).toEqual({ op: 'and', items: [] });
  });

  it('round-trips every group in its normal form (property)', () => {
    fc.assert(
      fc.property(group, (g) => {
        expect(fromJsonLogic(toJsonLogic(g))).toEqual(normaliseGroup(g));
        expect(toJsonLogic(fromJsonLogic(toJsonLogic(g))!)).toEqual(toJsonLogic(g));
      }),
      { numRuns: 500 },
    );
  });

  it('produces JsonLogic the validator accepts (property)', () => {
    fc.assert(
      fc.property(group, (g) => {
        const logic = toJsonLogic(g);
        if (logic === undefined) return;
        const def = processOf(
          [
            { id: 'start', type: 'start' },
            { id: 'b', type: 'branch' },
            { id: 'end', type: 'end' },
          ],
          [
            ['start', 'b'],
            ['b', 'end', { condition: logic }],
            ['b', 'end', { default: true }],
          ],
        );
        def.form.schema = {
          type: 'object',
          properties: {
            amount: {},
            platform: {},
            title: {},
            tags: {},
            address: { type: 'object', properties: { city: {} } },
          },
        };
        expect(validateDefinition(def).filter((p) => p.code === 'invalid_condition')).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['a var with a default', { '==': [{ var: ['amount', 0] }, 1] }],
    ['two fields compared', { '==': [{ var: 'a' }, { var: 'b' }] }],
    ['arithmetic', { '>': [{ '+': [{ var: 'a' }, 1] }, 2] }],
    ['a top-level and of one item', { and: [AMOUNT_OVER_500] }],
    ['a nested group of one item', { or: [{ and: [AMOUNT_OVER_500] }, AMOUNT_OVER_500] }],
    ['a three-way comparison', { '<': [1, { var: 'a' }, 3] }],
    ['a field inside a literal', { in: [{ var: 'a' }, 'abc'] }],
    ['an object value', { '==': [{ var: 'a' }, { x: 1 }] }],
    ['a plain literal', true],
    ['two keys', { '==': [{ var: 'a' }, 1], '!=': [{ var: 'b' }, 2] }],
  ])('refuses to show %s (shown read-only instead)', (_, logic) => {
    expect(fromJsonLogic(logic)).toBeUndefined();
  });

  it('reads the lone-argument form json-logic-js also accepts', () => {
    expect(fromJsonLogic({ '!': [{ var: 'title' }] })).toEqual({
      op: 'and',
      items: [{ field: 'title', operator: 'empty' }],
    });
  });
});

describe('operators per field type', () => {
  it('offers what each type can mean', () => {
    expect(operatorsFor('money')).toEqual(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']);
    expect(operatorsFor('number')).toEqual(operatorsFor('money'));
    expect(operatorsFor('select')).toEqual(expect.arrayContaining(['eq', 'ne', 'in']));
    expect(operatorsFor('text')).toEqual(expect.arrayContaining(['eq', 'ne', 'contains']));
    expect(operatorsFor('date')).toEqual(expect.arrayContaining(['gt', 'gte', 'lt', 'lte']));
    expect(operatorsFor('checkbox')).toEqual(['eq']);
  });

  it('picks the value input for each operator', () => {
    expect(valueInputFor('money', 'gte')).toBe('number');
    expect(valueInputFor('select', 'eq')).toBe('option');
    expect(valueInputFor('select', 'in')).toBe('options');
    expect(valueInputFor('text', 'empty')).toBe('none');
    expect(valueInputFor('checkbox', 'eq')).toBe('boolean');
    expect(valueInputFor('date', 'lt')).toBe('date');
  });

  it('starts a new row with an operator the field offers', () => {
    for (const f of FIELDS) expect(operatorsFor(f.type)).toContain(newRule(f).operator);
    expect(newRule(FIELDS[1])).toEqual({ field: 'platform', operator: 'eq', value: 'douyin' });
  });
});

describe('the JsonLogic evaluates as the rows read (through the engine)', () => {
  // start → b → yes (condition) / no (default): which end is reached tells whether the condition held.
  function holds(g: ConditionGroup, data: Record<string, unknown>): boolean {
    const def = processOf(
      [
        { id: 'start', type: 'start' },
        { id: 'b', type: 'branch' },
        { id: 'yes', type: 'end' },
        { id: 'no', type: 'end' },
      ],
      [
        ['start', 'b'],
        ['b', 'yes', { condition: toJsonLogic(g) }],
        ['b', 'no', { default: true }],
      ],
    );
    const driver = new Driver(def, orgSnapshot);
    driver.start('alice', data);
    return driver.state.endedBy?.nodeId === 'yes';
  }
  const one = (r: ConditionRule): ConditionGroup => ({ op: 'and', items: [r] });

  it.each<[string, ConditionRule, Record<string, unknown>, boolean]>([
    ['金额 ≥ 500 at 500', { field: 'amount', operator: 'gte', value: 500 }, { amount: 500 }, true],
    [
      '金额 ≥ 500 at 499.99',
      { field: 'amount', operator: 'gte', value: 500 },
      { amount: 499.99 },
      false,
    ],
    ['金额 > 500 at 500', { field: 'amount', operator: 'gt', value: 500 }, { amount: 500 }, false],
    ['金额 < 100', { field: 'amount', operator: 'lt', value: 100 }, { amount: 20 }, true],
    ['金额 ≤ 100 at 100', { field: 'amount', operator: 'lte', value: 100 }, { amount: 100 }, true],
    [
      '平台 是 抖音',
      { field: 'platform', operator: 'eq', value: 'douyin' },
      { platform: 'douyin' },
      true,
    ],
    [
      '平台 是 抖音 (快手)',
      { field: 'platform', operator: 'eq', value: 'douyin' },
      { platform: 'kuaishou' },
      false,
    ],
    [
      '平台 不是 抖音',
      { field: 'platform', operator: 'ne', value: 'douyin' },
      { platform: 'kuaishou' },
      true,
    ],
    [
      '平台 属于 抖音、快手',
      { field: 'platform', operator: 'in', value: ['douyin', 'kuaishou'] },
      { platform: 'kuaishou' },
      true,
    ],
    [
      '平台 属于 抖音、快手 (淘宝)',
      { field: 'platform', operator: 'in', value: ['douyin', 'kuaishou'] },
      { platform: 'taobao' },
      false,
    ],
    [
      '平台 不属于 抖音、快手',
      { field: 'platform', operator: 'notIn', value: ['douyin', 'kuaishou'] },
      { platform: 'taobao' },
      true,
    ],
    [
      '标题 包含 退款',
      { field: 'title', operator: 'contains', value: '退款' },
      { title: '申请退款 #12' },
      true,
    ],
    ['标题 包含 退款 (absent)', { field: 'title', operator: 'contains', value: '退款' }, {}, false],
    [
      '标签 包含 A',
      { field: 'tags', operator: 'contains', value: 'a' },
      { tags: ['b', 'a'] },
      true,
    ],
    [
      '标签 包含 A (no)',
      { field: 'tags', operator: 'contains', value: 'a' },
      { tags: ['b'] },
      false,
    ],
    ['标题 为空 ("")', { field: 'title', operator: 'empty' }, { title: '' }, true],
    ['标题 为空 (absent)', { field: 'title', operator: 'empty' }, {}, true],
    ['标签 为空 ([])', { field: 'tags', operator: 'empty' }, { tags: [] }, true],
    ['标题 不为空', { field: 'title', operator: 'notEmpty' }, { title: 'x' }, true],
    ['加急 已勾选', { field: 'urgent', operator: 'eq', value: true }, { urgent: true }, true],
    [
      '上线日期 ≥ 2026-11-01',
      { field: 'liveDate', operator: 'gte', value: '2026-11-01' },
      { liveDate: '2026-11-22' },
      true,
    ],
    [
      '上线日期 < 2026-11-01',
      { field: 'liveDate', operator: 'lt', value: '2026-11-01' },
      { liveDate: '2026-11-22' },
      false,
    ],
  ])('%s', (_, r, data, expected) => {
    expect(holds(one(r), data)).toBe(expected);
  });

  it('combines rows with and / or', () => {
    const g: ConditionGroup = {
      op: 'or',
      items: [
        { field: 'amount', operator: 'gte', value: 500 },
        {
          op: 'and',
          items: [
            { field: 'platform', operator: 'eq', value: 'douyin' },
            { field: 'urgent', operator: 'eq', value: true },
          ],
        },
      ],
    };
    expect(holds(g, { amount: 600 })).toBe(true);
    expect(holds(g, { amount: 10, platform: 'douyin', urgent: true })).toBe(true);
    expect(holds(g, { amount: 10, platform: 'douyin', urgent: false })).toBe(false);
  });
});
