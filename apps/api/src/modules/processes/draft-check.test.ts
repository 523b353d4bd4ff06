import { describe, expect, it } from '@jest/globals';
import { checkIdentity, findUnstorableText } from './draft-check.js';

describe('checkIdentity', () => {
  it.each([null, 'refund', 42, [], [{ key: 'refund', name: 'x' }]])(
    'refuses %p as not an object',
    (body) => {
      expect(checkIdentity(body)).toEqual([expect.objectContaining({ code: 'invalid_input' })]);
    },
  );

  it('accepts a key and a name, whatever else is unfinished', () => {
    expect(checkIdentity({ key: 'refund', name: '退款 Refund', graph: 'todo' })).toEqual([]);
  });

  it.each(['R', 'a', '1abc', 'ab_c', 'a'.repeat(64), 'Refund', 'ab c', 'schema', 'import'])(
    'refuses the key %p',
    (key) => {
      expect(checkIdentity({ key, name: 'x' })).toEqual([
        expect.objectContaining({ code: 'schema', path: '/key' }),
      ]);
    },
  );

  it.each([undefined, '', '   ', 42, 'n'.repeat(201)])('refuses the name %p', (name) => {
    expect(checkIdentity({ key: 'refund', name })).toEqual([
      expect.objectContaining({ code: 'schema', path: '/name' }),
    ]);
  });
});

describe('findUnstorableText', () => {
  it('passes ordinary text, emoji and CJK', () => {
    expect(findUnstorableText({ name: '退款 😀', list: ['a', { b: 'c' }] })).toBeUndefined();
  });

  it('finds a NUL character in a value or a property name, with its path', () => {
    expect(findUnstorableText({ graph: { nodes: [{ name: 'a\u0000b' }] } })?.path).toBe(
      '/graph/nodes/0/name',
    );
    expect(findUnstorableText({ form: { 'x\u0000': 1 } })?.path).toBe('/form/x\u0000');
  });

  it('finds unpaired surrogates but not paired ones', () => {
    expect(findUnstorableText({ a: '\ud83d' })?.code).toBe('not_json');
    expect(findUnstorableText({ a: 'x\ude00' })?.code).toBe('not_json');
    expect(findUnstorableText({ a: '\ud83d\ude00' })).toBeUndefined();
  });
});
