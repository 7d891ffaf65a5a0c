import type { LocalProjection } from '../../geo/local-projection';
import { signedArea, type Pair, type Polygons } from './polygon-check';

export type Box = [west: number, south: number, east: number, north: number];

/** Polygons in a local metric projection (metres east and north of its centre). */
export function projectPolygons(polygons: Polygons, proj: LocalProjection): Polygons {
  return polygons.map((rings) => rings.map((ring) => ring.map(([lon, lat]) => proj.forward(lon, lat))));
}

const SNAP = 1000; // 1 mm

/**
 * Polygons as the clipping checks use them: projected, snapped to 1 mm, and without vertices that lie
 * within 1 mm of the line through their neighbours. Reprojected files often carry densified straight
 * edges; polygon-clipping's time grows with vertices, and such vertices change no area worth reporting.
 */
export function toPlanar(polygons: Polygons, proj: LocalProjection): Polygons {
  const out: Polygons = [];
  for (const rings of polygons) {
    const kept: Pair[][] = [];
    for (const [i, ring] of rings.entries()) {
      const r = dropCollinear(ring.map(([lon, lat]) => snap(proj.forward(lon, lat))));
      if (r.length >= 4) kept.push(r);
      else if (i === 0) break;
    }
    if (kept.length) out.push(kept);
  }
  return out;
}

function snap(p: [number, number]): Pair {
  return [Math.round(p[0] * SNAP) / SNAP, Math.round(p[1] * SNAP) / SNAP];
}

/** A closed ring without repeated vertices or vertices within 1 mm of the line joining their neighbours. */
function dropCollinear(ring: Pair[]): Pair[] {
  const open = ring.slice(0, -1);
  const out: Pair[] = [];
  for (let i = 0; i < open.length; i++) {
    const prev = out[out.length - 1] ?? (open[open.length - 1] as Pair);
    const p = open[i] as Pair;
    const next = open[(i + 1) % open.length] as Pair;
    if (p[0] === prev[0] && p[1] === prev[1]) continue;
    const len = Math.hypot(next[0] - prev[0], next[1] - prev[1]);
    const off = len === 0 ? Infinity : Math.abs((next[0] - prev[0]) * (prev[1] - p[1]) - (prev[0] - p[0]) * (next[1] - prev[1])) / len;
    if (off > 1 / SNAP || out.length === 0) out.push(p);
  }
  return out.length ? [...out, out[0] as Pair] : [];
}

/** Planar area of polygons with holes, in the square of their units (m² when projected). */
export function areaOf(polygons: Polygons): number {
  let a = 0;
  for (const rings of polygons) rings.forEach((ring, i) => (a += i === 0 ? Math.abs(signedArea(ring)) : -Math.abs(signedArea(ring))));
  return Math.max(0, a);
}

export function boxOf(polygons: Polygons): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polygons) {
    for (const [x, y] of rings[0] ?? []) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
  }
  return b;
}

/** Area of the overlap of two boxes (0 when they only touch or are apart). */
export function boxOverlapArea(a: Box, b: Box): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Length along which segment cd runs on segment ab (both within `tolerance` of one line), planar. */
function sharedLength(a: Pair, b: Pair, c: Pair, d: Pair, tolerance: number): number {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  if (len === 0 || distanceToLine(c, a, b, len) > tolerance || distanceToLine(d, a, b, len) > tolerance) return 0;
  const along = (p: Pair) => ((p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])) / len;
  const [t0, t1] = [along(c), along(d)].sort((x, y) => x - y) as [number, number];
  return Math.max(0, Math.min(len, t1) - Math.max(0, t0));
}

function distanceToLine(p: Pair, a: Pair, b: Pair, len: number): number {
  return Math.abs((b[0] - a[0]) * (a[1] - p[1]) - (a[0] - p[0]) * (b[1] - a[1])) / len;
}

/**
 * Whether two areas share a stretch of boundary longer than `tolerance` (an edge, not just a corner):
 * some edge of `a` runs along some edge of `b`.
 */
export function sharesEdge(a: Polygons, b: Polygons, tolerance: number): boolean {
  const edgesOf = (p: Polygons) => p.flatMap((rings) => rings.flatMap((r) => r.slice(1).map((q, i) => [r[i] as Pair, q] as const)));
  const eb = edgesOf(b);
  for (const [p, q] of edgesOf(a)) {
    for (const [r, s] of eb) if (sharedLength(p, q, r, s, tolerance) > tolerance) return true;
  }
  return false;
}

/** Ray-casting point-in-polygon (holes excluded), planar. */
export function contains(polygons: Polygons, p: Pair): boolean {
  let inside = false;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const a = ring[i] as Pair;
        const b = ring[j] as Pair;
        if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
      }
    }
  }
  return inside;
}
