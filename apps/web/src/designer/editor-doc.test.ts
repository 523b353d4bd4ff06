import { describe, expect, test } from '@jest/globals';
import { endOnEdge, newDefinition, insertNodeOnEdge } from './model';
import { createField } from './form-model';
import { docOf, laidOut, laidOutOnly, withDocFields } from './editor-doc';
import { clipboardShortcut, shortcutOf } from './useEditor';

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

  test('a layout on open is not an edit; a move or any other change is', async () => {
    const bare = newDefinition('demo', 'Demo');
    const unplaced = {
      ...bare,
      graph: { ...bare.graph, nodes: bare.graph.nodes.map(({ position: _p, ...n }) => n) },
    };
    const placed = await laidOut(unplaced);
    expect(laidOutOnly(unplaced, placed)).toBe(true);
    // Already placed: nothing to lay out, so any difference is the user's.
    expect(laidOutOnly(placed, { ...placed, name: 'Demo' })).toBe(false);
    // Laid out AND renamed: an edit.
    expect(laidOutOnly(unplaced, { ...placed, name: 'Renamed' })).toBe(false);
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

  test('a branch with an end in each column: both ends below the branch, side by side', async () => {
    let n = 0;
    const ids = (p: string) => `${p}_${++n}`;
    const branched = insertNodeOnEdge(newDefinition('demo', 'Demo'), 'e2', 'branch', ids);
    const column = branched.graph.edges.find((e) => e.source === 'branch_1' && !e.default)!;
    const def = await laidOut(endOnEdge(branched, column.id, ids));
    const pos = Object.fromEntries(def.graph.nodes.map((x) => [x.id, x.position!]));
    expect(Object.keys(pos)).toEqual(['start', 'approval', 'branch_1', 'end_6', 'end']);
    expect(pos.branch_1.y).toBeLessThan(pos.end_6.y);
    expect(pos.end_6.y).toBe(pos.end.y);
    // The condition column left of the default one ("其他情况" reads last).
    expect(pos.end_6.x).toBeLessThan(pos.end.x);
  });

  test('clipboard shortcuts: Ctrl/Cmd+C, V, D, never while typing', () => {
    const base = {
      ctrlKey: true,
      metaKey: false,
      shiftKey: false,
      altKey: false,
      targetIsText: false,
    };
    expect(clipboardShortcut({ ...base, key: 'c' })).toBe('copy');
    expect(clipboardShortcut({ ...base, key: 'V' })).toBe('paste');
    expect(clipboardShortcut({ ...base, key: 'd' })).toBe('duplicate');
    expect(clipboardShortcut({ ...base, key: 'c', ctrlKey: false, metaKey: true })).toBe('copy');
    expect(clipboardShortcut({ ...base, key: 'v', targetIsText: true })).toBeUndefined();
    expect(clipboardShortcut({ ...base, key: 'c', targetIsText: true })).toBeUndefined();
    expect(clipboardShortcut({ ...base, key: 'c', ctrlKey: false })).toBeUndefined();
    expect(clipboardShortcut({ ...base, key: 'v', shiftKey: true })).toBeUndefined();
    expect(clipboardShortcut({ ...base, key: 'z' })).toBeUndefined();
  });
});
