// Callbacks the custom node and edge components need, without putting
// functions into React Flow's node and edge data.
import { createContext, useContext } from 'react';
import type { PaletteType } from '../model';

export interface CanvasActions {
  /** A step on the edge, or 结束 (the edge's column ends there). */
  insertOnEdge(edgeId: string, type: PaletteType): void;
  /** Whether 结束 may go on this edge without cutting the flow (see model/branch-ends.ts). */
  canEndOn(edgeId: string): boolean;
  openEdge(edgeId: string): void;
  /** The palette item being dragged, so a "+" can take the drop. */
  draggingType(): PaletteType | undefined;
  /** Simulation is on: no "+" buttons. */
  readOnly: boolean;
}

export const CanvasContext = createContext<CanvasActions | null>(null);

export function useCanvas(): CanvasActions {
  const ctx = useContext(CanvasContext);
  if (!ctx) throw new Error('useCanvas outside the flow designer');
  return ctx;
}
