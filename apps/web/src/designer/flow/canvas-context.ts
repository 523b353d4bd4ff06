// Callbacks the custom node and edge components need, without putting
// functions into React Flow's node and edge data.
import { createContext, useContext } from 'react';
import type { InsertableType } from '../model';

export interface CanvasActions {
  insertOnEdge(edgeId: string, type: InsertableType): void;
  openEdge(edgeId: string): void;
  /** The palette item being dragged, so a "+" can take the drop. */
  draggingType(): InsertableType | undefined;
  /** Simulation is on: no "+" buttons. */
  readOnly: boolean;
}

export const CanvasContext = createContext<CanvasActions | null>(null);

export function useCanvas(): CanvasActions {
  const ctx = useContext(CanvasContext);
  if (!ctx) throw new Error('useCanvas outside the flow designer');
  return ctx;
}
