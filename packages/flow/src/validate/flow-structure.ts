// Split and join pairing, the part of validation that needs dominators.
// Runs only on a sound graph (one start, every node reachable and able to
// reach an end), so both dominator trees cover every node.
//
// The rules, in token terms:
// - join_mismatch: a join merges the paths of ONE split. Its nearest split
//   dominator S (walking up the dominator tree from the nearest common
//   dominator of its inbound sources) must exist, every path from S to an end
//   must pass the join (it post-dominates S), it needs two or more inbound
//   edges, and no loop may lead back into it.
// - unjoined_split: every parallel / inclusive split has such a join, or its
//   tokens would race to an end and the first one would end the instance.
// - region_escape: no edge leaves the region between a parallel / inclusive
//   split and its join other than into the join (a loop back out of the
//   region would leave the join waiting for a path that already left).
// - multiple_incoming: a node other than a join may have several inbound
//   edges when they merge exclusive paths (their nearest split is a branch)
//   or close a loop (the source lies after the node); when the paths come
//   from a parallel or inclusive split it would run once per token, so it
//   has to be a join. Merging into an end follows the same rule.
import type { FlowEdge } from '../definition.js';
import type { Context } from './context.js';
import { describeEdge, describeNode } from './describe.js';
import { DominatorTree, predecessors, successors } from './graph.js';

const SPLITS = new Set(['branch', 'inclusive', 'parallel']);
const FORKS = new Set(['inclusive', 'parallel']);

// Longer than any node id may be (64), so it cannot collide with one.
const VIRTUAL_EXIT = '#exit'.repeat(16);

export function checkSplitsAndJoins(ctx: Context): void {
  const { graph, problems } = ctx;
  const start = graph.order.find((id) => graph.nodes.get(id)!.type === 'start')!;
  const ends = graph.order.filter((id) => graph.nodes.get(id)!.type === 'end');
  const dom = new DominatorTree(start, (id) => successors(graph, id));
  const postdom = new DominatorTree(VIRTUAL_EXIT, (id) =>
    id === VIRTUAL_EXIT ? ends : predecessors(graph, id),
  );
  const isSplit = (id: string) => SPLITS.has(graph.nodes.get(id)!.type);
  const joinOf = new Map<string, string>();
  const mismatched: string[] = [];

  for (const id of graph.order) {
    const join = graph.nodes.get(id)!;
    if (join.type !== 'join') continue;
    const sources = predecessors(graph, id);
    const mismatch = (why: string) => {
      mismatched.push(id);
      problems.node('join_mismatch', join, `${describeNode(join)} ${why}`);
    };
    if (sources.length < 2) {
      mismatch('has fewer than two inbound edges; a join merges the paths of a split.');
      continue;
    }
    const loop = sources.find((source) => dom.dominates(id, source));
    if (loop !== undefined) {
      mismatch(
        `is entered again from "${loop}", which comes after it; loop back to a node before the split instead.`,
      );
      continue;
    }
    const split = dom.findUp(dom.nearestCommon(sources), isSplit);
    if (split === undefined) {
      mismatch('merges paths that do not come from one split (branch, inclusive or parallel).');
      continue;
    }
    if (!postdom.dominates(id, split)) {
      const splitNode = graph.nodes.get(split)!;
      mismatch(
        `does not merge all paths of ${describeNode(splitNode)}: some of them reach an end or another join without passing it.`,
      );
      continue;
    }
    if (!joinOf.has(split)) joinOf.set(split, id);
  }

  for (const id of graph.order) {
    const split = graph.nodes.get(id)!;
    if (!FORKS.has(split.type) || graph.outgoing.get(id)!.length < 2) continue;
    const join = joinOf.get(id);
    if (join === undefined) {
      // A broken join after this split is already reported and is most likely the intended one.
      if (mismatched.some((j) => dom.dominates(id, j))) continue;
      problems.node(
        'unjoined_split',
        split,
        `The paths of ${describeNode(split)} never meet at a join; add a join where they should come together.`,
      );
      continue;
    }
    for (const inner of graph.order) {
      if (inner === join || !dom.dominates(id, inner) || !postdom.dominates(join, inner)) continue;
      for (const edge of graph.outgoing.get(inner)! as FlowEdge[]) {
        const target: string = edge.target;
        if (target === join || (dom.dominates(id, target) && postdom.dominates(join, target)))
          continue;
        problems.edge(
          'region_escape',
          edge,
          `${describeEdge(edge)} leaves the paths between ${describeNode(split)} and its join without passing the join.`,
        );
      }
    }
  }

  for (const id of graph.order) {
    const node = graph.nodes.get(id)!;
    if (node.type === 'join') continue;
    const forward = graph.incoming.get(id)!.filter((edge) => !dom.dominates(id, edge.source));
    if (forward.length < 2) continue;
    const split = dom.findUp(dom.parent(id)!, isSplit);
    const splitNode = split === undefined ? undefined : graph.nodes.get(split)!;
    if (splitNode && FORKS.has(splitNode.type)) {
      problems.node(
        'multiple_incoming',
        node,
        `${describeNode(node)} is reached by several paths of ${describeNode(splitNode)} at once and would run once for each; merge them with a join first.`,
      );
    }
  }
}
