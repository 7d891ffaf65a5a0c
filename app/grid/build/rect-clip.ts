import type { Box, MultiPolygon, Pair, Polygon, Ring } from './planar';

/**
 * Fast exact clipping of polygons to an axis-aligned box (Sutherland–Hodgman), for the many small cuts
 * near the cells, where polygon-clipping's sweep costs most. Sutherland–Hodgman is exact when the result
 * is one polygon; when the piece inside the box is in several parts it joins them with zero-width bridges
 * along the box's sides. Those are recognised (two stretches of the ring overlapping on one side) and
 * the caller falls back to polygon-clipping, as it does for holes that cross the box.
 */
export function clipToBox(mp: MultiPolygon, box: Box): MultiPolygon | undefined {
  const out: MultiPolygon = [];
  for (const polygon of mp) {
    const outer = clipRing(polygon[0]!, box);
    if (outer === undefined) return undefined;
    if (outer.length === 0) continue;
    const clipped: Polygon = [outer];
    for (const hole of polygon.slice(1)) {
      const where = placeOf(hole, box);
      if (where === 'crosses') return undefined;
      if (where === 'inside') clipped.push(hole);
    }
    out.push(clipped);
  }
  return out;
}

function placeOf(ring: Ring, b: Box): 'inside' | 'outside' | 'crosses' {
  let inside = 0;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of ring) {
    if (x > b[0] && x < b[2] && y > b[1] && y < b[3]) inside++;
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  if (inside === ring.length) return 'inside';
  if (x1 <= b[0] || x0 >= b[2] || y1 <= b[1] || y0 >= b[3]) return 'outside';
  return 'crosses';
}

type Side = 0 | 1 | 2 | 3; // west, south, east, north

const keeps = (p: Pair, side: Side, b: Box): boolean =>
  side === 0 ? p[0] >= b[0] : side === 1 ? p[1] >= b[1] : side === 2 ? p[0] <= b[2] : p[1] <= b[3];

/**
 * Where segment p–q crosses a side's line. Computed from the endpoint with the smaller coordinate along the
 * line, so the two neighbours a cut separates get the very same point.
 */
function cross(p: Pair, q: Pair, side: Side, b: Box): Pair {
  const [a, c] = side === 0 || side === 2 ? (p[1] <= q[1] ? [p, q] : [q, p]) : p[0] <= q[0] ? [p, q] : [q, p];
  if (side === 0 || side === 2) {
    const x = b[side];
    return [x, a[1] + ((c[1] - a[1]) * (x - a[0])) / (c[0] - a[0])];
  }
  const y = b[side];
  return [a[0] + ((c[0] - a[0]) * (y - a[1])) / (c[1] - a[1]), y];
}

/** A closed ring clipped to the box; [] if nothing is left; undefined if the result needs polygon-clipping. */
export function clipRing(ring: Ring, b: Box): Ring | undefined {
  let pts: Pair[] = ring.slice(0, -1);
  for (const side of [0, 1, 2, 3] as const) {
    if (pts.length === 0) return [];
    const next: Pair[] = [];
    for (let i = 0; i < pts.length; i++) {
      const p = pts[i]!;
      const q = pts[(i + 1) % pts.length]!;
      const pin = keeps(p, side, b);
      const qin = keeps(q, side, b);
      if (pin) next.push(p);
      if (pin !== qin) next.push(cross(p, q, side, b));
    }
    pts = next;
  }
  // Drop repeated points (a vertex on the box gives the same point twice).
  const clean = pts.filter((p, i) => {
    const q = pts[(i + pts.length - 1) % pts.length]!;
    return p[0] !== q[0] || p[1] !== q[1];
  });
  if (clean.length < 3) return [];
  if (hasBridge(clean, b)) return undefined;
  let area2 = 0;
  for (let i = 0; i < clean.length; i++) {
    const p = clean[i]!;
    const q = clean[(i + 1) % clean.length]!;
    area2 += p[0] * q[1] - q[0] * p[1];
  }
  if (Math.abs(area2) < 1e-9) return [];
  return [...clean, clean[0]!];
}

/** Whether two stretches of the ring lie on the same side of the box and overlap (a zero-width bridge). */
function hasBridge(pts: Pair[], b: Box): boolean {
  const runs: Array<[number, number]>[] = [[], [], [], []];
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i]!;
    const q = pts[(i + 1) % pts.length]!;
    for (const side of [0, 1, 2, 3] as const) {
      const axis = side === 0 || side === 2 ? 0 : 1;
      if (p[axis] === b[side] && q[axis] === b[side]) {
        const along = 1 - axis;
        runs[side]!.push([Math.min(p[along]!, q[along]!), Math.max(p[along]!, q[along]!)]);
      }
    }
  }
  for (const list of runs) {
    if (list.length < 2) continue;
    list.sort((u, v) => u[0] - v[0]);
    for (let i = 1; i < list.length; i++) if (list[i]![0] < list[i - 1]![1]) return true;
  }
  return false;
}
