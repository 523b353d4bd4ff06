// Bookkeeping for nodes with several inbound edges (joins, and merges where
// exclusive paths meet again). Each inbound edge is settled once per round,
// as taken or discarded; a round is complete when every inbound edge is
// settled. A second token on an already settled edge opens the next round, so
// tokens are never lost and a round completes at most once.
import type { Arrival, InstanceState } from './types.js';

/**
 * Records an arrival and returns, for every round it completed (oldest
 * first), whether any of that round's edges was taken.
 */
export function settle(
  state: InstanceState,
  nodeId: string,
  inbound: readonly string[],
  edgeId: string,
  arrival: Arrival,
): boolean[] {
  const rounds = (state.rounds[nodeId] ??= []);
  let round = rounds.find((r) => !(edgeId in r));
  if (!round) {
    round = {};
    rounds.push(round);
  }
  round[edgeId] = arrival;
  const completed: boolean[] = [];
  while (rounds.length > 0 && inbound.every((id) => id in rounds[0])) {
    const done = rounds.shift()!;
    completed.push(inbound.some((id) => done[id] === 'taken'));
  }
  if (rounds.length === 0) delete state.rounds[nodeId];
  return completed;
}

/** Forgets the settlement of the given edges at a node (a return re-runs them). */
export function unsettle(state: InstanceState, nodeId: string, edgeIds: ReadonlySet<string>): void {
  const rounds = state.rounds[nodeId];
  if (!rounds) return;
  for (const round of rounds)
    for (const id of Object.keys(round)) if (edgeIds.has(id)) delete round[id];
  const kept = rounds.filter((r) => Object.keys(r).length > 0);
  if (kept.length > 0) state.rounds[nodeId] = kept;
  else delete state.rounds[nodeId];
}
