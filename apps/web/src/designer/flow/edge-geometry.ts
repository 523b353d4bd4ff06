// Where an edge runs and where its header and "+" sit. Columns of a split
// leave the split along a horizontal line just under it (each column headed
// by its condition); empty columns between the same two nodes fan out side
// by side instead of drawing on top of each other.
export interface EdgeGeometryInput {
  sourceX: number;
  sourceY: number;
  targetX: number;
  targetY: number;
  choice: boolean;
  lane: number;
  lanes: number;
}

export interface EdgeGeometry {
  /** A custom SVG path (fanned lanes); otherwise a smooth step with centerY. */
  path?: string;
  centerY?: number;
  header: { x: number; y: number };
  plus: { x: number; y: number };
}

export const LANE_WIDTH = 280;
const DROP = 18;

export function edgeGeometry(e: EdgeGeometryInput): EdgeGeometry {
  const { sourceX: sx, sourceY: sy, targetX: tx, targetY: ty } = e;
  const height = ty - sy;
  if (e.lanes > 1) {
    const x = sx + (e.lane - (e.lanes - 1) / 2) * LANE_WIDTH;
    const top = sy + DROP;
    const bottom = ty - DROP;
    const path = `M ${sx},${sy} L ${sx},${top} L ${x},${top} L ${x},${bottom} L ${tx},${bottom} L ${tx},${ty}`;
    return {
      path,
      header: { x, y: top + 22 },
      plus: { x, y: Math.max(top + 50, (top + bottom) / 2 + 14) },
    };
  }
  if (e.choice) {
    const top = sy + DROP;
    return {
      centerY: top,
      header: { x: tx, y: top + 22 },
      plus: { x: tx, y: Math.max(top + 50, ty - 26) },
    };
  }
  // Everything else meets its target from above: bend just above the target.
  const centerY = Math.abs(sx - tx) > 1 && height > 2 * DROP ? ty - DROP : undefined;
  return {
    centerY,
    header: { x: (sx + tx) / 2, y: sy + height / 2 - 18 },
    plus: {
      x: centerY === undefined ? (sx + tx) / 2 : sx,
      y: centerY === undefined ? sy + height / 2 : sy + (centerY - sy) / 2,
    },
  };
}
