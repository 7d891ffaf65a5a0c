import kinks from '@turf/kinks';
import Flatbush from 'flatbush';

export type Pair = [number, number];
/** Polygons (outer ring, then holes) of one grid, [lon, lat]. */
export type Polygons = Pair[][][];

export type GeometryProblemKind = 'empty-geometry' | 'not-polygon' | 'unclosed-ring' | 'short-ring' | 'self-intersection';

export type PolygonCheck =
  | { ok: true; polygons: Polygons }
  | { ok: false; kind: GeometryProblemKind; /** Completes "feature 12 (code) …", ends without a full stop. */ detail: string; at?: Pair };

/** Signed area of a ring by the shoelace formula (positive = counter-clockwise). Units of its coordinates. */
export function signedArea(ring: readonly Pair[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as Pair;
    const b = ring[i] as Pair;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

function isPair(p: unknown): p is Pair {
  return Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Number.isFinite(p[0]) && Number.isFinite(p[1]);
}

type RingCheck = { ok: true; ring: Pair[] } | { ok: false; kind: GeometryProblemKind; detail: string; at?: Pair };

function checkRing(raw: unknown, name: string): RingCheck {
  if (!Array.isArray(raw) || raw.length === 0) return { ok: false, kind: 'empty-geometry', detail: `has nothing in ${name}` };
  if (!raw.every(isPair)) return { ok: false, kind: 'empty-geometry', detail: `has a position that is not two numbers in ${name}` };
  const first = raw[0] as Pair;
  const last = raw[raw.length - 1] as Pair;
  if (raw.length < 4) {
    return { ok: false, kind: 'short-ring', detail: `has only ${raw.length} positions in ${name} (a ring needs at least 4: three corners and the first again)`, at: first };
  }
  if (first[0] !== last[0] || first[1] !== last[1]) {
    return { ok: false, kind: 'unclosed-ring', detail: `does not close ${name} (its last position must repeat the first)`, at: last };
  }
  // Repeated vertices are common in surveyed data and harmless, but kinks would call them crossings.
  const ring: Pair[] = [];
  for (const p of raw as Pair[]) {
    const prev = ring[ring.length - 1];
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) ring.push([p[0], p[1]]);
  }
  if (ring.length < 4) return noArea(name, first);
  return { ok: true, ring };
}

function noArea(name: string, at: Pair): { ok: false; kind: GeometryProblemKind; detail: string; at: Pair } {
  return { ok: false, kind: 'short-ring', detail: `has no area in ${name} (fewer than three distinct corners, or all in a line)`, at };
}

/** Small polygons go to kinks whole (it is quadratic); large ones are first narrowed by a segment index. */
const KINKS_WHOLE_MAX = 64;

function crossing(polygon: Pair[][]): Pair | undefined {
  const n = polygon.reduce((s, r) => s + r.length, 0);
  if (n <= KINKS_WHOLE_MAX) {
    const hit = kinks({ type: 'Polygon', coordinates: polygon }).features[0];
    return hit ? (hit.geometry.coordinates as Pair) : undefined;
  }
  const segs: Array<{ ring: number; i: number; a: Pair; b: Pair }> = [];
  polygon.forEach((r, ring) => {
    for (let i = 0; i < r.length - 1; i++) segs.push({ ring, i, a: r[i] as Pair, b: r[i + 1] as Pair });
  });
  const index = new Flatbush(segs.length);
  for (const s of segs) index.add(Math.min(s.a[0], s.b[0]), Math.min(s.a[1], s.b[1]), Math.max(s.a[0], s.b[0]), Math.max(s.a[1], s.b[1]));
  index.finish();
  for (let k = 0; k < segs.length; k++) {
    const s = segs[k] as (typeof segs)[number];
    const last = (polygon[s.ring] as Pair[]).length - 2;
    for (const m of index.search(Math.min(s.a[0], s.b[0]), Math.min(s.a[1], s.b[1]), Math.max(s.a[0], s.b[0]), Math.max(s.a[1], s.b[1]))) {
      if (m <= k) continue;
      const t = segs[m] as (typeof segs)[number];
      // Neighbouring segments of one ring share a vertex; that is no crossing (as kinks itself skips them).
      if (t.ring === s.ring && (t.i - s.i === 1 || (s.i === 0 && t.i === last))) continue;
      const hit = kinks({ type: 'MultiLineString', coordinates: [[s.a, s.b], [t.a, t.b]] }).features[0];
      if (hit) return hit.geometry.coordinates as Pair;
    }
  }
  return undefined;
}

/**
 * Checks a grid's geometry: a Polygon or MultiPolygon, every ring closed with at least 4 positions and some
 * area, no edge crossing another (@turf/kinks). Returns the polygons cleaned of repeated vertices and wound
 * as RFC 7946 asks (outer rings counter-clockwise, holes clockwise), or the first problem found.
 * `crossings: false` skips the crossing test (for reference areas, where a kink does not matter).
 */
export function checkPolygon(geometry: { type: string; coordinates: unknown } | null, opts: { crossings?: boolean } = {}): PolygonCheck {
  if (!geometry) return { ok: false, kind: 'empty-geometry', detail: 'has no geometry' };
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
    return { ok: false, kind: 'not-polygon', detail: `is a ${geometry.type}, not a polygon` };
  }
  const c = geometry.coordinates;
  const parts = geometry.type === 'Polygon' ? (Array.isArray(c) && c.length ? [c] : []) : c;
  if (!Array.isArray(parts) || parts.length === 0) return { ok: false, kind: 'empty-geometry', detail: 'has an empty geometry' };
  const polygons: Polygons = [];
  const ringNames: string[][] = [];
  for (const [p, part] of parts.entries()) {
    if (!Array.isArray(part) || part.length === 0) return { ok: false, kind: 'empty-geometry', detail: 'has an empty polygon' };
    const rings: Pair[][] = [];
    const names: string[] = [];
    for (const [r, raw] of part.entries()) {
      const name = `its ${r === 0 ? 'outer ring' : `hole ${r}`}${parts.length > 1 ? ` of part ${p + 1}` : ''}`;
      const c = checkRing(raw, name);
      if (!c.ok) return c;
      const ccw = signedArea(c.ring) > 0;
      rings.push(ccw === (r === 0) ? c.ring : c.ring.reverse());
      names.push(name);
    }
    polygons.push(rings);
    ringNames.push(names);
  }
  for (const polygon of opts.crossings === false ? [] : polygons) {
    const at = crossing(polygon);
    if (at) return { ok: false, kind: 'self-intersection', detail: `crosses itself at (${at[0].toFixed(6)}, ${at[1].toFixed(6)})`, at };
  }
  // Checked after crossings: a symmetric bow tie has no net area, but its fault is the crossing.
  for (const [p, rings] of polygons.entries()) {
    for (const [r, ring] of rings.entries()) if (signedArea(ring) === 0) return noArea(ringNames[p]?.[r] ?? 'ring', ring[0] as Pair);
  }
  return { ok: true, polygons };
}
