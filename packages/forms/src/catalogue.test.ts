import { describe, it, expect } from '@jest/globals';
import {
  FIELD_CATALOGUE,
  FIELD_KEY,
  appliesTo,
  fieldProblems,
  fieldTypeInfo,
  type FormField,
} from './catalogue.js';

describe('FIELD_CATALOGUE', () => {
  it('lists every field type once, with zh-CN and en names', () => {
    const types = FIELD_CATALOGUE.map((t) => t.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types.sort()).toEqual(
      [
        'attachment',
        'checkbox',
        'date',
        'datetime',
        'department',
        'link',
        'money',
        'multi-select',
        'number',
        'select',
        'table',
        'text',
        'textarea',
        'user',
      ].sort(),
    );
    for (const info of FIELD_CATALOGUE) {
      expect(info.name['zh-CN']).toMatch(/\S/);
      expect(info.name.en).toMatch(/\S/);
      expect(['basic', 'choice', 'date', 'people', 'attachment', 'layout']).toContain(info.group);
    }
  });

  it('says which properties apply to which type', () => {
    expect(fieldTypeInfo('money')?.name['zh-CN']).toBe('金额');
    expect(appliesTo('select', 'options')).toBe(true);
    expect(appliesTo('text', 'options')).toBe(false);
    expect(appliesTo('table', 'columns')).toBe(true);
    expect(appliesTo('user', 'multiple')).toBe(true);
    expect(appliesTo('nope' as never, 'required')).toBe(false);
  });
});

describe('FIELD_KEY', () => {
  it.each(['amount', '_x', 'A1_b'])('accepts %s', (key) => expect(FIELD_KEY.test(key)).toBe(true));
  it.each(['1a', 'a-b', 'a.b', '', '金额', 'a b'])('refuses %p', (key) =>
    expect(FIELD_KEY.test(key)).toBe(false),
  );
});

describe('fieldProblems', () => {
  const text = (key: string, extra: Partial<FormField> = {}): FormField => ({
    key,
    type: 'text',
    label: key,
    ...extra,
  });

  it('accepts a sound form', () => {
    expect(
      fieldProblems([
        text('a'),
        { key: 'items', type: 'table', label: '明细', columns: [text('qty')] },
      ]),
    ).toEqual([]);
  });

  it('reports bad and duplicate keys', () => {
    expect(fieldProblems([text('a-b'), text('a'), text('a')]).map((p) => [p.code, p.path])).toEqual(
      [
        ['invalid_key', 'a-b'],
        ['duplicate_key', 'a'],
      ],
    );
  });

  it('reports unknown types and missing labels', () => {
    expect(
      fieldProblems([
        { key: 'x', type: 'rating' as never, label: 'X' },
        text('y', { label: ' ' }),
      ]).map((p) => p.code),
    ).toEqual(['unknown_type', 'missing_label']);
  });

  it('reports choices without options or with duplicate values', () => {
    const problems = fieldProblems([
      { key: 's', type: 'select', label: 'S' },
      {
        key: 'm',
        type: 'multi-select',
        label: 'M',
        options: [
          { value: 'a', label: 'A' },
          { value: 'a', label: 'B' },
        ],
      },
    ]);
    expect(problems.map((p) => p.code)).toEqual(['no_options', 'duplicate_option']);
  });

  it('reports empty tables and tables inside tables, with a dotted path for columns', () => {
    const problems = fieldProblems([
      { key: 't', type: 'table', label: 'T' },
      {
        key: 'u',
        type: 'table',
        label: 'U',
        columns: [
          { key: 'inner', type: 'table', label: 'I', columns: [text('x')] },
          text('bad key'),
        ],
      },
    ]);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['no_columns', 't'],
      ['nested_table', 'u.inner'],
      ['invalid_key', 'u.bad key'],
    ]);
  });

  it('reports bad patterns and inverted ranges', () => {
    const problems = fieldProblems([
      text('p', { pattern: '(' }),
      { key: 'n', type: 'number', label: 'N', min: 5, max: 1 },
      text('l', { minLength: 3, maxLength: 2 }),
    ]);
    expect(problems.map((p) => p.code)).toEqual([
      'invalid_pattern',
      'invalid_range',
      'invalid_range',
    ]);
  });
});
