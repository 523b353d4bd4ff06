import { describe, expect, it } from '@jest/globals';
import { INPUT_LIMITS, guardInput } from './input-guard.js';
import { validateDefinition } from './validate-definition.js';
import { simple } from './fixtures.test-helper.js';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

describe('guardInput', () => {
  it('lets plain JSON through, also with undefined optional properties and shared objects', () => {
    const rule = { kind: 'initiator' };
    expect(
      guardInput({ a: [rule, rule], b: undefined, c: null, d: 'x', e: 1.5, f: false }),
    ).toBeUndefined();
    expect(guardInput(Object.create(null))).toBeUndefined();
  });

  it('too_deep: 100,000 levels of nesting, without overflowing the stack', () => {
    const d = simple();
    Object.assign(d.graph.edges[0], { condition: nested(100_000) });
    // root → graph → edges → 0 → condition is 4 levels; the arrays make up the rest.
    const deepPath = `/graph/edges/0/condition${'/0'.repeat(INPUT_LIMITS.maxDepth - 4)}`;
    expect(validateDefinition(d)).toEqual([
      {
        code: 'too_deep',
        message: `The definition is nested more than ${INPUT_LIMITS.maxDepth} levels deep at ${deepPath}.`,
        path: deepPath,
      },
    ]);
    expect(guardInput(nested(INPUT_LIMITS.maxDepth))).toBeUndefined();
  });

  it('not_json: an object that contains itself', () => {
    const d = simple() as unknown as Record<string, unknown>;
    const loop: Record<string, unknown> = { and: [] };
    (loop.and as unknown[]).push(loop);
    Object.assign((d.graph as { edges: object[] }).edges[0], { condition: loop });
    expect(validateDefinition(d)).toEqual([
      {
        code: 'not_json',
        message: 'The value at /graph/edges/0/condition/and/0 contains itself.',
        path: '/graph/edges/0/condition/and/0',
      },
    ]);
  });

  it.each([
    [{ a: () => 1 }, 'The value at /a is a function, not JSON.'],
    [{ a: Symbol('s') }, 'The value at /a is a symbol, not JSON.'],
    [{ a: 10n }, 'The value at /a is a bigint, not JSON.'],
    [{ a: Number.NaN }, 'The number at /a is not finite.'],
    [{ 'a/b~c': [Infinity] }, 'The number at /a~1b~0c/0 is not finite.'],
    [{ a: new Date(0) }, 'The value at /a is not a plain JSON object.'],
    [new Map(), 'The value at the definition is not a plain JSON object.'],
  ])('not_json: %p', (input, message) => {
    expect(guardInput(input)).toMatchObject({ code: 'not_json', message });
  });

  it('too_large: a huge string, a huge property name, a huge array', () => {
    const d = simple();
    d.name = 'x'.repeat(1_000_000);
    expect(validateDefinition(d)).toEqual([
      {
        code: 'too_large',
        message: 'The text at /name is longer than 10000 characters.',
        path: '/name',
      },
    ]);
    expect(guardInput({ ['k'.repeat(20_000)]: 1 })?.message).toBe(
      `A property name at the definition ("${'k'.repeat(40)}…") is longer than 10000 characters.`,
    );
    expect(guardInput({ list: new Array(10_000_000).fill(0) })).toEqual({
      code: 'too_large',
      message: 'The definition holds more than 200000 values (at /list).',
      path: '/list',
    });
  });

  it('too_large: many small values spread over many objects', () => {
    const many = Array.from({ length: 1000 }, () => Array.from({ length: 300 }, () => 1));
    expect(guardInput(many)?.code).toBe('too_large');
    expect(guardInput(many)?.message).toMatch(/^The definition holds more than 200000 values/);
  });
});
