// The bench's workload: whole new-product-listing instances (SOPS.md §1),
// 5 transitions each, through transition() alone. The clock is passed in so
// this file stays pure; src/bench.ts supplies performance.now.
import {
  newProductListing,
  newProductListingDirectory,
  newProductListingForm,
} from './fixtures/new-product-listing.js';
import { memoryDirectory, sequentialIds } from './support.js';
import { initialState, transition } from './transition.js';
import type { Command, EngineContext, InstanceState } from './types.js';

const directory = memoryDirectory(newProductListingDirectory);
const base = Date.parse('2030-01-01T09:00:00.000Z');

/** Runs one instance from start to end and returns how many transitions it took. */
export function runListingInstance(i: number, newId: (prefix: string) => string): number {
  const ctx: EngineContext = { now: base + i, newId, directory };
  let state: InstanceState = initialState();
  let n = 0;
  const step = (command: Command) => {
    const r = transition(newProductListing, state, command, ctx);
    if (!r.ok) throw new Error(`${command.type} refused: ${r.code}`);
    state = r.state;
    n++;
  };
  const submit = (nodeId: string, action: 'approve' | 'submit', data?: Record<string, unknown>) => {
    const t = state.tasks.find((x) => x.status === 'open' && x.nodeId === nodeId)!;
    step({
      type: 'completeTask',
      taskId: t.id,
      actorId: t.assigneeId,
      action,
      ...(data ? { data } : {}),
    });
  };
  step({ type: 'start', initiatorId: 'pm', data: newProductListingForm });
  submit('director', 'approve');
  submit('design', 'submit', { mainImages: ['m.jpg'], detailPage: 'd.html' });
  submit('warehouse', 'submit', { quantity: 10, binLocation: 'A-1' });
  submit('listing', 'submit', { listingUrl: 'https://example.com/item/1' });
  if (state.status !== 'completed') throw new Error(`instance ended ${state.status}`);
  return n;
}

export interface Throughput {
  transitions: number;
  instances: number;
  perSecond: number;
}

/** Runs instances for `seconds` of the given millisecond clock. */
export function measureThroughput(seconds: number, clockMs: () => number): Throughput {
  const newId = sequentialIds();
  const started = clockMs();
  let transitions = 0;
  let instances = 0;
  do {
    for (let k = 0; k < 100; k++) transitions += runListingInstance(instances++, newId);
  } while (clockMs() - started < seconds * 1000);
  const elapsed = Math.max(clockMs() - started, 1) / 1000;
  return { transitions, instances, perSecond: Math.round(transitions / elapsed) };
}
