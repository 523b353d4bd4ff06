// Undo / redo as an immutable value: every call returns a new history, so it
// sits in React state (or a reducer) like any other value and the edit
// operations' "never mutate" promise carries through. Bounded, because every
// keystroke in a drawer may push a whole definition.
export interface History<T> {
  readonly present: T;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** A new present; clears what could be redone. Pushing the present itself changes nothing. */
  push(next: T): History<T>;
  undo(): History<T>;
  redo(): History<T>;
  /** Replaces the present without an undo step (e.g. positions written back after a layout). */
  replace(next: T): History<T>;
}

export const DEFAULT_HISTORY_LIMIT = 100;

export function createHistory<T>(initial: T, limit = DEFAULT_HISTORY_LIMIT): History<T> {
  return make([], initial, [], Math.max(1, Math.floor(limit)));
}

function make<T>(past: readonly T[], present: T, future: readonly T[], limit: number): History<T> {
  const self: History<T> = {
    present,
    canUndo: past.length > 0,
    canRedo: future.length > 0,
    push: (next) =>
      Object.is(next, present) ? self : make([...past, present].slice(-limit), next, [], limit),
    undo: () =>
      past.length === 0
        ? self
        : make(past.slice(0, -1), past[past.length - 1], [present, ...future], limit),
    redo: () =>
      future.length === 0 ? self : make([...past, present], future[0], future.slice(1), limit),
    replace: (next) => make(past, next, future, limit),
  };
  return self;
}
