import { describe, expect, test } from '@jest/globals';
import { newDefinition, insertNodeOnEdge } from './model';
import { createField } from './form-model';
import { docOf, laidOut, withDocFields } from './editor-doc';
import { shortcutOf } from './useEditor';

describe('editor doc', () => {
  test('fields that do not compile are kept, the definition keeps the last good form', () => {
    const doc = docOf(newDefinition('demo', 'Demo'));
    const title = createField('text', [], 'zh-CN');
    const good = withDocFields(doc, [title]);
    expect(Object.keys(good.definition.form.schema.properties as object)).toEqual(['text']);
    const bad = withDocFields(good, [title, { ...title }]);
    expect(bad.fields).toHaveLength(2);
    expect(bad.definition).toBe(good.definition);
  });

  test('layout puts the start on top and the end at the bottom, columns side by side', async () => {
    let n = 0;
    const def = await laidOut(
      insertNodeOnEdge(newDefinition('demo', 'Demo'), 'e2', 'branch', (p) => `${p}_${++n}`),
    );
    const pos = Object.fromEntries(def.graph.nodes.map((x) => [x.id, x.position!]));
    expect(pos.start.y).toBeLessThan(pos.approval.y);
    expect(pos.approval.y).toBeLessThan(pos.branch_1.y);
    expect(pos.branch_1.y).toBeLessThan(pos.join_2.y);
    expect(pos.join_2.y).toBeLessThan(pos.end.y);
  });

  test('shortcuts', () => {
    const base = { ctrlKey: true, metaKey: false, shiftKey: false, targetIsText: false };
    expect(shortcutOf({ ...base, key: 'z' })).toBe('undo');
    expect(shortcutOf({ ...base, key: 'Z', shiftKey: true })).toBe('redo');
    expect(shortcutOf({ ...base, key: 'y' })).toBe('redo');
    expect(shortcutOf({ ...base, key: 'z', targetIsText: true })).toBeUndefined();
    expect(shortcutOf({ ...base, key: 'z', ctrlKey: false })).toBeUndefined();
    expect(shortcutOf({ ...base, key: 'z', ctrlKey: false, metaKey: true })).toBe('undo');
  });
});
