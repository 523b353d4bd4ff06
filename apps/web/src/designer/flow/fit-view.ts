// Fit view that leaves the cards clear of what floats over the canvas (the
// toolbar, the zoom controls, the minimap). Each overlay sits in a corner, so
// the cards can pass it on one of two sides: beside it (padding on its left or
// right) or above / below it (padding on its top or bottom). Of those choices
// the one that lets the graph be drawn largest wins. Pure: no DOM, no React.
import type { FlowNode, ProcessDefinition } from '@baton/flow';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Sides {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface FitInput {
  /** The canvas, in screen pixels. */
  width: number;
  height: number;
  /** The cards, in flow coordinates. */
  bounds: Rect;
  /** What floats over the canvas, in pixels from the canvas's top-left corner. */
  overlays: readonly Rect[];
  /** Space kept around the cards everywhere (default 24 px). */
  margin?: number;
  /** Space kept between the cards and an overlay (default 12 px). */
  gap?: number;
  minZoom: number;
  maxZoom: number;
}

export interface Fit {
  /** For React Flow's fitView({ padding }): pixels on each side. */
  padding: { top: `${number}px`; right: `${number}px`; bottom: `${number}px`; left: `${number}px` };
  sides: Sides;
  /** The zoom fitView will come to with this padding. */
  zoom: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** The zoom at which `bounds` fits inside the canvas less `sides` (as React Flow computes it). */
export function zoomFor(input: FitInput, sides: Sides): number {
  const { width, height, bounds } = input;
  const across = bounds.width > 0 ? (width - sides.left - sides.right) / bounds.width : Infinity;
  const down = bounds.height > 0 ? (height - sides.top - sides.bottom) / bounds.height : Infinity;
  return clamp(Math.min(across, down), input.minZoom, input.maxZoom);
}

/** The two ways past an overlay: the padding beside it and the padding above or below it. */
function waysPast(overlay: Rect, input: FitInput, gap: number): [Partial<Sides>, Partial<Sides>] {
  const onLeft = overlay.x + overlay.width / 2 < input.width / 2;
  const onTop = overlay.y + overlay.height / 2 < input.height / 2;
  const beside: Partial<Sides> = onLeft
    ? { left: overlay.x + overlay.width + gap }
    : { right: input.width - overlay.x + gap };
  const across: Partial<Sides> = onTop
    ? { top: overlay.y + overlay.height + gap }
    : { bottom: input.height - overlay.y + gap };
  return [beside, across];
}

/**
 * The padding for fitView: the margin on every side, and for each overlay the
 * side that costs the graph least. Ties (the graph fits at the largest zoom
 * either way) go to the choice that gives up the least canvas.
 */
export function fitPadding(input: FitInput): Fit {
  const margin = input.margin ?? 24;
  const gap = input.gap ?? 12;
  const overlays = input.overlays.filter((o) => o.width > 0 && o.height > 0);
  const ways = overlays.map((o) => waysPast(o, input, gap));
  let best: { sides: Sides; zoom: number; lost: number } | undefined;
  for (let choice = 0; choice < 1 << overlays.length; choice += 1) {
    const sides: Sides = { top: margin, right: margin, bottom: margin, left: margin };
    ways.forEach((pair, i) => {
      const way = pair[(choice >> i) & 1];
      for (const key of Object.keys(way) as (keyof Sides)[])
        sides[key] = Math.max(sides[key], Math.ceil(way[key]!));
    });
    const zoom = zoomFor(input, sides);
    const lost =
      (sides.left + sides.right) * input.height + (sides.top + sides.bottom) * input.width;
    if (
      !best ||
      zoom > best.zoom + 1e-9 ||
      (Math.abs(zoom - best.zoom) <= 1e-9 && lost < best.lost)
    )
      best = { sides, zoom, lost };
  }
  const sides = best?.sides ?? { top: margin, right: margin, bottom: margin, left: margin };
  return {
    sides,
    zoom: best?.zoom ?? zoomFor(input, sides),
    padding: {
      top: `${sides.top}px`,
      right: `${sides.right}px`,
      bottom: `${sides.bottom}px`,
      left: `${sides.left}px`,
    },
  };
}

/** The box around the cards as the canvas draws them (each card at its position, with its size). */
export function cardBounds(
  def: ProcessDefinition,
  sizeOf: (node: FlowNode) => { width: number; height: number },
): Rect {
  const nodes = def.graph.nodes;
  if (nodes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const node of nodes) {
    const { x, y } = node.position ?? { x: 0, y: 0 };
    const size = sizeOf(node);
    left = Math.min(left, x);
    top = Math.min(top, y);
    right = Math.max(right, x + size.width);
    bottom = Math.max(bottom, y + size.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** Whether two rectangles share any area (for tests and checks: a card under an overlay). */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
