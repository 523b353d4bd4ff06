// The editor's state: an undoable EditorDoc, with structural flow edits laid
// out before they land (so undo never shows an unlaid graph).
import { useCallback, useMemo, useRef, useState } from 'react';
import type { FormField } from '@baton/forms';
import type { ProcessDefinition } from '@baton/flow';
import { createHistory, type History } from './model';
import { laidOut, withDocFields, type EditorDoc } from './editor-doc';

export interface Editor {
  doc: EditorDoc;
  canUndo: boolean;
  canRedo: boolean;
  undo(): void;
  redo(): void;
  /** An edit of the definition that keeps positions (names, rules, conditions). */
  edit(fn: (def: ProcessDefinition) => ProcessDefinition): void;
  /** A structural edit: applied, then laid out, then pushed as one undo step. */
  editLaidOut(fn: (def: ProcessDefinition) => ProcessDefinition): Promise<void>;
  /** Replaces positions etc. without an undo step. */
  replace(fn: (def: ProcessDefinition) => ProcessDefinition): void;
  editFields(
    fn: (
      fields: FormField[],
      def: ProcessDefinition,
    ) => { fields: FormField[]; definition?: ProcessDefinition },
  ): void;
  reset(doc: EditorDoc): void;
}

export function useEditor(initial: EditorDoc): Editor {
  const [history, setHistory] = useState<History<EditorDoc>>(() => createHistory(initial));
  const latest = useRef(history);
  latest.current = history;

  const edit = useCallback((fn: (def: ProcessDefinition) => ProcessDefinition) => {
    setHistory((h) => {
      const next = fn(h.present.definition);
      return next === h.present.definition ? h : h.push({ ...h.present, definition: next });
    });
  }, []);

  const editLaidOut = useCallback(async (fn: (def: ProcessDefinition) => ProcessDefinition) => {
    const base = latest.current.present;
    const next = await laidOut(fn(base.definition));
    setHistory((h) => h.push({ ...h.present, definition: next }));
  }, []);

  const replace = useCallback((fn: (def: ProcessDefinition) => ProcessDefinition) => {
    setHistory((h) => h.replace({ ...h.present, definition: fn(h.present.definition) }));
  }, []);

  const editFields = useCallback<Editor['editFields']>((fn) => {
    setHistory((h) => {
      const out = fn(h.present.fields, h.present.definition);
      const base = { ...h.present, definition: out.definition ?? h.present.definition };
      return h.push(withDocFields(base, out.fields));
    });
  }, []);

  const undo = useCallback(() => setHistory((h) => h.undo()), []);
  const redo = useCallback(() => setHistory((h) => h.redo()), []);
  const reset = useCallback((doc: EditorDoc) => setHistory(createHistory(doc)), []);

  return useMemo(
    () => ({
      doc: history.present,
      canUndo: history.canUndo,
      canRedo: history.canRedo,
      undo,
      redo,
      edit,
      editLaidOut,
      replace,
      editFields,
      reset,
    }),
    [history, undo, redo, edit, editLaidOut, replace, editFields, reset],
  );
}

/** Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z and Ctrl+Y redo; text inputs keep their own undo. */
export function shortcutOf(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  targetIsText: boolean;
}): 'undo' | 'redo' | undefined {
  if (event.targetIsText || !(event.ctrlKey || event.metaKey)) return undefined;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && event.ctrlKey) return 'redo';
  return undefined;
}

/** Ctrl/Cmd+C copies the selected steps, Ctrl/Cmd+V pastes them, Ctrl/Cmd+D duplicates; text inputs keep their own. */
export function clipboardShortcut(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  targetIsText: boolean;
}): 'copy' | 'paste' | 'duplicate' | undefined {
  if (event.targetIsText || !(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey)
    return undefined;
  const key = event.key.toLowerCase();
  if (key === 'c') return 'copy';
  if (key === 'v') return 'paste';
  if (key === 'd') return 'duplicate';
  return undefined;
}
