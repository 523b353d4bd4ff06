// What the editor edits and undoes as one value: the definition and the form
// designer's fields (which may be momentarily invalid while typing; the
// definition keeps the last form that compiled).
import { fieldProblems, type FormField } from '@baton/forms';
import type { FlowNode, ProcessDefinition } from '@baton/flow';
import { applyPositions, layoutGraph, type LayoutOptions } from './model';
import { fieldsOf, withFields } from './form-model';

export interface EditorDoc {
  definition: ProcessDefinition;
  fields: FormField[];
}

export function docOf(definition: ProcessDefinition): EditorDoc {
  return { definition, fields: fieldsOf(definition) };
}

/** New fields, compiled into the definition when they compile. */
export function withDocFields(doc: EditorDoc, fields: FormField[]): EditorDoc {
  return { definition: withFields(doc.definition, fields), fields };
}

export const formIsValid = (doc: EditorDoc) => fieldProblems(doc.fields).length === 0;

/** Card sizes the canvas draws (the node component uses the same numbers). */
export const NODE_SIZES = {
  card: { width: 240, height: 88 },
  join: { width: 240, height: 36 },
  end: { width: 240, height: 56 },
};

/** The size of a node's card on the canvas. */
export const cardSize = (node: FlowNode) =>
  node.type === 'join' ? NODE_SIZES.join : node.type === 'end' ? NODE_SIZES.end : NODE_SIZES.card;

export const LAYOUT_OPTIONS: LayoutOptions = {
  sizeOf: cardSize,
  rowGap: 104,
  columnGap: 48,
};

/** The definition laid out top to bottom. */
export async function laidOut(definition: ProcessDefinition): Promise<ProcessDefinition> {
  return applyPositions(definition, await layoutGraph(definition, LAYOUT_OPTIONS));
}

/** Ids for new nodes and edges: short and readable, randomness kept out of the model. */
export function randomIds(prefix: string): string {
  const n = Math.floor(Math.random() * 0xffffff)
    .toString(36)
    .padStart(4, '0');
  return `${prefix}_${n}`;
}

/** `after` is `before` with positions given to nodes that had none, and nothing else changed. */
export function laidOutOnly(before: ProcessDefinition, after: ProcessDefinition): boolean {
  if (!before.graph.nodes.some((n) => !n.position)) return false;
  const strip = (d: ProcessDefinition) =>
    JSON.stringify({
      ...d,
      graph: { ...d.graph, nodes: d.graph.nodes.map(({ position: _p, ...n }) => n) },
    });
  return (
    after.graph.nodes.every(
      (n, i) =>
        before.graph.nodes[i]?.position === undefined ||
        n.position === before.graph.nodes[i].position,
    ) && strip(before) === strip(after)
  );
}
