// The once-per-transition copy of the state. A JSON round trip cost more than
// half of a transition, so this copies what the engine mutates and shares
// what it never touches again: closed tasks, timers, incidents and visits
// (only ever added or deleted), and form values (mergeData replaces a field,
// never edits inside one). Callers must treat states as immutable values.
import type { Activation, InstanceState } from './types.js';

export function cloneState(s: InstanceState): InstanceState {
  const tasks = s.tasks.map((t) => (t.status === 'open' ? { ...t, timerIds: [...t.timerIds] } : t));
  const activations = s.activations.map(cloneActivation);
  const rounds: InstanceState['rounds'] = {};
  for (const id in s.rounds) rounds[id] = s.rounds[id].map((r) => ({ ...r }));
  return {
    ...s,
    endedBy: s.endedBy ? { ...s.endedBy } : null,
    data: { ...s.data },
    activations,
    tasks,
    timers: [...s.timers],
    incidents: [...s.incidents],
    rounds,
    history: [...s.history],
    approvedBy: [...s.approvedBy],
    counters: { ...s.counters },
  };
}

function cloneActivation(a: Activation): Activation {
  const copy: Activation = { ...a };
  if (a.assigneeOverride) copy.assigneeOverride = [...a.assigneeOverride];
  if (a.work) {
    copy.work = {
      ...a.work,
      slots: a.work.slots.map((s) => {
        const slot = { ...s, chain: [...s.chain] };
        if (s.added) slot.added = [...s.added];
        return slot;
      }),
    };
  }
  return copy;
}
