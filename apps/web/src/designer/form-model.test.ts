import { describe, expect, test } from '@jest/globals';
import { compileForm, type FormField } from '@baton/forms';
import { newDefinition } from './model';
import {
  addField,
  createField,
  fieldsOf,
  keyProblem,
  moveField,
  paletteGroups,
  removeField,
  renameFieldInFlow,
  uniqueKey,
  updateField,
  withFields,
} from './form-model';

const f = (key: string): FormField => ({ key, type: 'text', label: key });

describe('form model', () => {
  test('the palette holds every catalogue type once, grouped', () => {
    const groups = paletteGroups();
    expect(groups[0].group).toBe('basic');
    const types = groups.flatMap((g) => g.items.map((i) => i.type));
    expect(new Set(types).size).toBe(types.length);
    expect(types).toContain('money');
  });

  test('keys stay unique', () => {
    expect(uniqueKey('amount', [])).toBe('amount');
    expect(uniqueKey('amount', ['amount', 'amount_2'])).toBe('amount_3');
    const a = createField('money', [], 'zh-CN');
    const b = createField('money', [a], 'zh-CN');
    expect([a.key, b.key, a.label]).toEqual(['amount', 'amount_2', '金额']);
  });

  test('new fields compile as they are', () => {
    const fields: FormField[] = [];
    for (const type of paletteGroups().flatMap((g) => g.items.map((i) => i.type)))
      fields.push(createField(type, fields, 'en'));
    expect(() => compileForm(fields)).not.toThrow();
  });

  test('add, move, remove, update', () => {
    const list = [f('a'), f('b'), f('c')];
    expect(addField(list, f('x'), 1).map((x) => x.key)).toEqual(['a', 'x', 'b', 'c']);
    expect(addField(list, f('x')).map((x) => x.key)).toEqual(['a', 'b', 'c', 'x']);
    expect(moveField(list, 0, 3).map((x) => x.key)).toEqual(['b', 'c', 'a']);
    expect(moveField(list, 2, 0).map((x) => x.key)).toEqual(['c', 'a', 'b']);
    expect(moveField(list, 0, 1).map((x) => x.key)).toEqual(['a', 'b', 'c']);
    expect(removeField(list, 'b').map((x) => x.key)).toEqual(['a', 'c']);
    const updated = updateField(list, 'a', { required: true, help: '' });
    expect(updated[0]).toEqual({ key: 'a', type: 'text', label: 'a', required: true });
    expect(list[0].required).toBeUndefined();
  });

  test('key problems', () => {
    const list = [f('a'), f('b')];
    expect(keyProblem(list, 'a', 'b')).toBe('duplicate');
    expect(keyProblem(list, 'a', '9x')).toBe('invalid');
    expect(keyProblem(list, 'a', 'a')).toBeUndefined();
  });

  test('fields go into the definition and come back', () => {
    const def = newDefinition('demo', 'Demo');
    const fields = [
      createField('text', [], 'zh-CN'),
      { ...createField('money', [], 'zh-CN'), required: true },
    ];
    const next = withFields(def, fields);
    expect(fieldsOf(next)).toEqual(fields);
    // A form that does not compile leaves the definition alone.
    expect(withFields(def, [f('a'), f('a')])).toBe(def);
  });

  test('renaming a field renames it in permissions and conditions', () => {
    const def = newDefinition('demo', 'Demo');
    const withRefs = {
      ...def,
      graph: {
        nodes: def.graph.nodes.map((n) =>
          n.id === 'approval' ? { ...n, fieldPermissions: { amount: 'read' as const } } : n,
        ),
        edges: def.graph.edges.map((e) =>
          e.id === 'e1' ? { ...e, condition: { '>=': [{ var: 'amount' }, 500] } } : e,
        ),
      },
    };
    const renamed = renameFieldInFlow(withRefs, 'amount', 'total');
    expect(renamed.graph.nodes[1]).toMatchObject({ fieldPermissions: { total: 'read' } });
    expect(renamed.graph.edges[0].condition).toEqual({ '>=': [{ var: 'total' }, 500] });
  });
});
