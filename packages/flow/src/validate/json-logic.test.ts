import { describe, expect, it } from '@jest/globals';
import jsonLogic from 'json-logic-js';
import { JSON_LOGIC_OPERATORS, readLogic, readTemplate } from './json-logic.js';

describe('readLogic', () => {
  it('lists fields read by var, missing and missing_some', () => {
    const logic = {
      and: [
        { '>=': [{ var: 'amount' }, 500] },
        { var: ['reason', 'none'] },
        { missing: ['a', 'b'] },
        { missing: 'c' },
        { missing_some: [1, ['d', 'amount']] },
        { '==': [{ var: '' }, null] },
        { var: 1 },
      ],
    };
    expect(readLogic(logic)).toEqual({
      fields: ['amount', 'reason', 'a', 'b', 'c', 'd'],
      unknownOperators: [],
      malformed: [],
    });
  });

  it('does not take item-scoped vars for form fields', () => {
    const logic = {
      and: [
        { some: [{ var: 'items' }, { '==': [{ var: 'sku' }, 'x'] }] },
        {
          reduce: [
            { var: 'lines' },
            { '+': [{ var: 'current' }, { var: 'accumulator' }] },
            { var: 'start' },
          ],
        },
      ],
    };
    expect(readLogic(logic).fields).toEqual(['items', 'lines', 'start']);
  });

  it('follows computed names and nested operations', () => {
    const logic = { var: { cat: ['a', { var: 'b' }] } };
    expect(readLogic(logic).fields).toEqual(['b']);
    expect(readLogic({ missing: { merge: [['x'], { var: 'y' }] } }).fields).toEqual(['y']);
    expect(readLogic({ missing_some: [{ var: 'n' }, { merge: [{ var: 'z' }] }] }).fields).toEqual([
      'n',
      'z',
    ]);
    expect(readLogic({ missing_some: [1, [{ var: 'w' }, 'v']] }).fields).toEqual(['w', 'v']);
  });

  it('reports unknown operators, also dotted ones and log', () => {
    expect(
      readLogic({ if: [{ 'Math.max': [1] }, { log: 1 }, { '<': [{ nope: { var: 'q' } }, 1] }] }),
    ).toEqual({
      fields: ['q'],
      unknownOperators: ['Math.max', 'log', 'nope'],
      malformed: [],
    });
  });

  it('reads literals as literals, as json-logic-js does', () => {
    const nothing = { fields: [], unknownOperators: [], malformed: [] };
    expect(readLogic({ a: 1, b: { var: 'x' } })).toEqual(nothing);
    expect(readLogic([1, 'two', null, {}])).toEqual(nothing);
  });

  it('reports missing_some without a list of names, which makes json-logic-js throw', () => {
    expect(readLogic({ missing_some: [1] }).malformed).toEqual(['missing_some']);
    expect(() => jsonLogic.apply({ missing_some: [1] } as never, {})).toThrow();
  });

  it('allows exactly the json-logic-js built-ins except log', () => {
    for (const op of JSON_LOGIC_OPERATORS) {
      // Each allowed operator must be one json-logic-js can run.
      const args = op === 'var' ? 'a' : op === 'missing_some' ? [1, ['a']] : [[1], [1]];
      expect(() => jsonLogic.apply({ [op]: args }, { a: 1 })).not.toThrow();
    }
    expect(JSON_LOGIC_OPERATORS.has('log')).toBe(false);
  });

  it('reads automation values as plain structure with rules inside', () => {
    const value = {
      a: { var: 'x' },
      b: [{ if: [{ var: 'y' }, 1, 2] }, 'z'],
      c: { nested: { unknownKey: 1 } },
      d: null,
    };
    expect(readTemplate(value)).toEqual({
      fields: ['x', 'y'],
      unknownOperators: [],
      malformed: [],
    });
    expect(readTemplate({ log: 'hi' }).unknownOperators).toEqual(['log']);
    expect(readTemplate('plain')).toEqual({ fields: [], unknownOperators: [], malformed: [] });
  });
});
