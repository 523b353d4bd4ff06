// Graph helpers shared by the validation passes (and free for the designer):
// adjacency maps, reachability, dominator trees. Pure and iterative, so a
// 2,000-node chain does not blow the stack.
import type { FlowEdge, FlowNode } from '../definition.js';

export interface GraphIndex {
  /** First node with each id; later duplicates are reported, not indexed. */
  nodes: Map<string, FlowNode>;
  /** Node ids in definition order, duplicates left out. */
  order: string[];
  /** Edges whose source and target both exist, by source / target, in definition order. */
  outgoing: Map<string, FlowEdge[]>;
  incoming: Map<string, FlowEdge[]>;
}

export function indexGraph(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): GraphIndex {
  const index: GraphIndex = {
    nodes: new Map(),
    order: [],
    outgoing: new Map(),
    incoming: new Map(),
  };
  for (const node of nodes) {
    if (index.nodes.has(node.id)) continue;
    index.nodes.set(node.id, node);
    index.order.push(node.id);
    index.outgoing.set(node.id, []);
    index.incoming.set(node.id, []);
  }
  const seen = new Set<string>();
  for (const edge of edges) {
    if (seen.has(edge.id)) continue;
    seen.add(edge.id);
    const out = index.outgoing.get(edge.source);
    const into = index.incoming.get(edge.target);
    if (!out || !into) continue;
    out.push(edge);
    into.push(edge);
  }
  return index;
}

export const successors = (graph: GraphIndex, id: string): string[] =>
  (graph.outgoing.get(id) ?? []).map((edge) => edge.target);

export const predecessors = (graph: GraphIndex, id: string): string[] =>
  (graph.incoming.get(id) ?? []).map((edge) => edge.source);

/** Every id reachable from the roots (roots included), in discovery order. */
export function reachable(
  roots: readonly string[],
  next: (id: string) => readonly string[],
): Set<string> {
  const seen = new Set<string>(roots);
  const queue = [...roots];
  for (let i = 0; i < queue.length; i += 1) {
    for (const target of next(queue[i])) {
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}

/** Reverse postorder of the nodes reachable from root (iterative DFS). */
function reversePostorder(root: string, next: (id: string) => readonly string[]): string[] {
  const order: string[] = [];
  const visited = new Set<string>([root]);
  const stack: Array<{ id: string; children: readonly string[]; i: number }> = [
    { id: root, children: next(root), i: 0 },
  ];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.i < top.children.length) {
      const child = top.children[top.i];
      top.i += 1;
      if (!visited.has(child)) {
        visited.add(child);
        stack.push({ id: child, children: next(child), i: 0 });
      }
    } else {
      order.push(top.id);
      stack.pop();
    }
  }
  return order.reverse();
}

/**
 * A dominator tree over the nodes reachable from `root` (Cooper, Harvey &
 * Kennedy, "A Simple, Fast Dominance Algorithm"). For post-dominators pass a
 * virtual exit as root and the predecessor function as `next`.
 */
export class DominatorTree {
  private readonly idom = new Map<string, string>();
  private readonly rank = new Map<string, number>();
  // Entry and exit times of a walk over the tree: a dominates b exactly when
  // a's interval holds b's, which answers in constant time.
  private readonly enter = new Map<string, number>();
  private readonly leave = new Map<string, number>();

  constructor(
    readonly root: string,
    next: (id: string) => readonly string[],
  ) {
    const order = reversePostorder(root, next);
    order.forEach((id, i) => this.rank.set(id, i));
    const preds = new Map<string, string[]>(order.map((id) => [id, []]));
    for (const id of order) for (const target of next(id)) preds.get(target)?.push(id);
    this.idom.set(root, root);
    for (let changed = true; changed;) {
      changed = false;
      for (const id of order) {
        if (id === root) continue;
        let candidate: string | undefined;
        for (const pred of preds.get(id)!) {
          if (!this.idom.has(pred)) continue;
          candidate = candidate === undefined ? pred : this.intersect(pred, candidate);
        }
        if (candidate !== undefined && this.idom.get(id) !== candidate) {
          this.idom.set(id, candidate);
          changed = true;
        }
      }
    }
    this.number(order);
  }

  private number(order: readonly string[]): void {
    const children = new Map<string, string[]>(order.map((id) => [id, []]));
    for (const id of order) if (id !== this.root) children.get(this.idom.get(id)!)!.push(id);
    let clock = 0;
    const stack: Array<{ id: string; i: number }> = [{ id: this.root, i: 0 }];
    this.enter.set(this.root, clock++);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const kids = children.get(top.id)!;
      if (top.i < kids.length) {
        const child = kids[top.i++];
        this.enter.set(child, clock++);
        stack.push({ id: child, i: 0 });
      } else {
        this.leave.set(top.id, clock++);
        stack.pop();
      }
    }
  }

  private intersect(a: string, b: string): string {
    let x = a;
    let y = b;
    while (x !== y) {
      while (this.rank.get(x)! > this.rank.get(y)!) x = this.idom.get(x)!;
      while (this.rank.get(y)! > this.rank.get(x)!) y = this.idom.get(y)!;
    }
    return x;
  }

  /** Whether the node is in the tree (reachable from the root). */
  has(id: string): boolean {
    return this.idom.has(id);
  }

  /** The immediate dominator; undefined for the root and for nodes outside the tree. */
  parent(id: string): string | undefined {
    return id === this.root ? undefined : this.idom.get(id);
  }

  /** Whether a dominates b (every node dominates itself). */
  dominates(a: string, b: string): boolean {
    if (!this.has(a) || !this.has(b)) return false;
    return this.enter.get(a)! <= this.enter.get(b)! && this.leave.get(b)! <= this.leave.get(a)!;
  }

  /** The nearest node that dominates all the given nodes (all must be in the tree). */
  nearestCommon(ids: readonly string[]): string {
    return ids.reduce((a, b) => this.intersect(a, b));
  }

  /** From id upwards (id included), the first node that passes the test. */
  findUp(id: string, test: (id: string) => boolean): string | undefined {
    for (let x: string | undefined = id; x !== undefined; x = this.parent(x)) {
      if (test(x)) return x;
    }
    return undefined;
  }
}
