import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { FlowNode, ProcessDefinition } from '@baton/flow';
import { cardBounds, fitPadding, overlaps, type FitInput, type Rect, type Sides } from './fit-view';

/** React Flow's getViewportForBounds (@xyflow/system): centre, then push inside the padding. */
function viewportFor(input: FitInput, sides: Sides, zoom: number) {
  const { bounds, width, height } = input;
  let x = width / 2 - (bounds.x + bounds.width / 2) * zoom;
  let y = height / 2 - (bounds.y + bounds.height / 2) * zoom;
  const left = x + bounds.x * zoom;
  const top = y + bounds.y * zoom;
  const right = width - (left + bounds.width * zoom);
  const bottom = height - (top + bounds.height * zoom);
  x += -Math.min(Math.floor(left) - sides.left, 0) + Math.min(Math.floor(right) - sides.right, 0);
  y += -Math.min(Math.floor(top) - sides.top, 0) + Math.min(Math.floor(bottom) - sides.bottom, 0);
  return { x, y, zoom };
}

/** Where the cards' box lands on screen after fitView with the padding fitPadding chose. */
function fittedBox(input: FitInput): Rect {
  const fit = fitPadding(input);
  const { x, y, zoom } = viewportFor(input, fit.sides, fit.zoom);
  return {
    x: x + input.bounds.x * zoom,
    y: y + input.bounds.y * zoom,
    width: input.bounds.width * zoom,
    height: input.bounds.height * zoom,
  };
}

/** The designer's canvas at a 1280×800 window: toolbar top left, controls bottom left, minimap bottom right. */
function canvas(width: number, height: number): Pick<FitInput, 'width' | 'height' | 'overlays'> {
  return {
    width,
    height,
    overlays: [
      { x: 12, y: 12, width: 560, height: 32 },
      { x: 15, y: height - 15 - 110, width: 26, height: 110 },
      { x: width - 15 - 160, y: height - 15 - 110, width: 160, height: 110 },
    ],
  };
}

const zooms = { minZoom: 0.2, maxZoom: 1 };

describe('fitPadding', () => {
  it('keeps a wide graph clear of the minimap by giving up height', () => {
    // Wider than tall: the width limits the zoom, so the minimap is passed above it.
    const input = {
      ...canvas(836, 690),
      ...zooms,
      bounds: { x: 0, y: 0, width: 1700, height: 900 },
    };
    const fit = fitPadding(input);
    expect(fit.sides.bottom).toBeGreaterThanOrEqual(110 + 15 + 12);
    expect(fit.sides.right).toBe(24);
    const box = fittedBox(input);
    for (const overlay of input.overlays) expect(overlaps(box, overlay)).toBe(false);
  });

  it('keeps a tall graph clear by giving up width beside the minimap', () => {
    const input = {
      ...canvas(836, 690),
      ...zooms,
      bounds: { x: 0, y: 0, width: 800, height: 2400 },
    };
    const fit = fitPadding(input);
    expect(fit.sides.right).toBeGreaterThanOrEqual(160 + 15 + 12);
    expect(fit.sides.bottom).toBe(24);
    expect(fit.sides.top).toBeGreaterThanOrEqual(12 + 32 + 12);
    const box = fittedBox(input);
    for (const overlay of input.overlays) expect(overlaps(box, overlay)).toBe(false);
  });

  it('is never worse than reserving every overlay on both sides', () => {
    const input = {
      ...canvas(996, 790),
      ...zooms,
      bounds: { x: 0, y: 0, width: 1200, height: 1200 },
    };
    const fit = fitPadding(input);
    expect(fit.zoom).toBeGreaterThan(0.5);
    const box = fittedBox(input);
    for (const overlay of input.overlays) expect(overlaps(box, overlay)).toBe(false);
  });

  it('never puts the cards under an overlay, whatever the graph and window (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 600, max: 1800 }),
        fc.integer({ min: 450, max: 1100 }),
        fc.integer({ min: 240, max: 4000 }),
        fc.integer({ min: 56, max: 4000 }),
        fc.integer({ min: -2000, max: 2000 }),
        fc.integer({ min: -2000, max: 2000 }),
        (width, height, w, h, x, y) => {
          const input = {
            ...canvas(width, height),
            ...zooms,
            bounds: { x, y, width: w, height: h },
          };
          const fit = fitPadding(input);
          // At the smallest zoom a huge graph cannot fit at all: nothing to promise then.
          if (fit.zoom <= zooms.minZoom) return;
          const box = fittedBox(input);
          for (const overlay of input.overlays) expect(overlaps(box, overlay)).toBe(false);
          // The 24 px margin, less the pixel React Flow may lose rounding the padding down.
          expect(box.x).toBeGreaterThanOrEqual(22.5);
          expect(box.y).toBeGreaterThanOrEqual(22.5);
          expect(box.x + box.width).toBeLessThanOrEqual(width - 22.5);
          expect(box.y + box.height).toBeLessThanOrEqual(height - 22.5);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('uses the margin alone when there is nothing over the canvas', () => {
    const fit = fitPadding({
      width: 800,
      height: 600,
      overlays: [],
      ...zooms,
      bounds: { x: 0, y: 0, width: 100, height: 100 },
    });
    expect(fit.padding).toEqual({ top: '24px', right: '24px', bottom: '24px', left: '24px' });
    expect(fit.zoom).toBe(1);
  });
});

describe('cardBounds', () => {
  it('is the box around every card with its size', () => {
    const node = (id: string, x: number, y: number, type: FlowNode['type'] = 'cc') =>
      ({ id, type, recipients: [], position: { x, y } }) as FlowNode;
    const def = {
      graph: {
        nodes: [node('a', 0, 0), node('b', 300, 200), node('c', -50, 400, 'end')],
        edges: [],
      },
    } as unknown as ProcessDefinition;
    const sizeOf = (n: FlowNode) =>
      n.type === 'end' ? { width: 240, height: 56 } : { width: 240, height: 88 };
    expect(cardBounds(def, sizeOf)).toEqual({ x: -50, y: 0, width: 590, height: 456 });
  });
});
