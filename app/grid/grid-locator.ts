import Flatbush from 'flatbush';
import type { Locator } from '../city/place-locator';
import { polygonsOf } from '../geo/geojson';
import type { PlaceTags } from '../place/place-codes';
import type { LatticeSpec, UnitGridFeature } from './unit-grid';

type Rings = number[][][]; // one polygon: outer ring, then holes

/**
 * Crossing-number point-in-polygon. Each edge is evaluated from its lower end to its upper end whichever
 * way the ring runs, so an edge shared by two grids is judged identically for both: a point on it is
 * inside exactly one of them, never both, never neither (on axis-parallel edges, the east or north one,
 * like the lattice's half-open cells).
 */
export function insideRings(rings: Rings, x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      let a = ring[i] as number[];
      let b = ring[j] as number[];
      if ((a[1] as number) > (b[1] as number)) [a, b] = [b, a];
      const ay = a[1] as number;
      const by = b[1] as number;
      if (ay > y !== by > y) {
        const ax = a[0] as number;
        const bx = b[0] as number;
        if (x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
      }
    }
  }
  return inside;
}

function tagsOf(f: UnitGridFeature): PlaceTags {
  return { grid: f.properties.code, community: f.properties.community, street: f.properties.street };
}

function bboxOf(polygons: Rings[]): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const rings of polygons)
    for (const p of rings[0] ?? []) {
      const x = p[0] as number;
      const y = p[1] as number;
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  return [w, s, e, n];
}

/**
 * Locates among imported grids: a spatial index (flatbush) over their bounding boxes, then exact
 * point-in-polygon on the few candidates. About a microsecond a point for ten thousand grids.
 */
export class IndexedGridLocator implements Locator {
  private readonly index: Flatbush;
  private readonly polygons: Rings[][];

  constructor(private readonly grids: readonly UnitGridFeature[]) {
    this.index = new Flatbush(Math.max(1, grids.length));
    this.polygons = grids.map((g) => polygonsOf(g.geometry));
    for (const polys of this.polygons) this.index.add(...bboxOf(polys));
    if (grids.length === 0) this.index.add(0, 0, 0, 0);
    this.index.finish();
  }

  locate(lon: number, lat: number): PlaceTags {
    const hits = this.index.search(lon, lat, lon, lat, undefined);
    let best = -1;
    for (const i of hits) {
      if (i < this.grids.length && (this.polygons[i] as Rings[]).some((rings) => insideRings(rings, lon, lat)) && (best < 0 || i < best)) best = i;
    }
    return best < 0 ? {} : tagsOf(this.grids[best] as UnitGridFeature);
  }
}

/**
 * Locates among built grids in O(1): buckets the size of the lattice's cells, in longitude and latitude,
 * each listing the few grids that reach into it; a point's bucket is arithmetic, then exact
 * point-in-polygon on those candidates (in the same lon/lat as every other locator, so they agree).
 */
export class LatticeGridLocator implements Locator {
  /** Per bucket: the candidate grid, -1 for none, or -2 - k for the k-th list of several candidates. */
  private readonly cells: Int32Array;
  private readonly multi: number[][] = [];
  private readonly polygons: Rings[][];
  private readonly west: number;
  private readonly south: number;
  private readonly dLon: number;
  private readonly dLat: number;
  private readonly cols: number;
  private readonly rows: number;

  constructor(
    lattice: LatticeSpec,
    private readonly grids: readonly UnitGridFeature[],
  ) {
    this.polygons = grids.map((g) => polygonsOf(g.geometry));
    const boxes = this.polygons.map(bboxOf);
    const w = Math.min(...boxes.map((b) => b[0]));
    const s = Math.min(...boxes.map((b) => b[1]));
    const e = Math.max(...boxes.map((b) => b[2]));
    const n = Math.max(...boxes.map((b) => b[3]));
    // Buckets of half a lattice cell (1° of latitude is ~111.3 km, of longitude ~111.3 km × cos(lat)): the
    // lattice is square in metres, not in degrees, so a bucket then meets one or two grids, rarely more.
    const midLat = grids.length ? (s + n) / 2 : 0;
    const size = lattice.cellSize / 2;
    this.dLat = size / 111_320;
    this.dLon = size / (111_320 * Math.max(0.01, Math.cos((midLat * Math.PI) / 180)));
    this.west = Number.isFinite(w) ? w : 0;
    this.south = Number.isFinite(s) ? s : 0;
    this.cols = Math.max(1, Math.ceil(((Number.isFinite(e) ? e : 0) - this.west) / this.dLon) + 1);
    this.rows = Math.max(1, Math.ceil(((Number.isFinite(n) ? n : 0) - this.south) / this.dLat) + 1);
    this.cells = new Int32Array(this.cols * this.rows).fill(-1);
    boxes.forEach((b, gi) => {
      const c0 = Math.floor((b[0] - this.west) / this.dLon);
      const r0 = Math.floor((b[1] - this.south) / this.dLat);
      const c1 = Math.min(this.cols - 1, Math.floor((b[2] - this.west) / this.dLon));
      const r1 = Math.min(this.rows - 1, Math.floor((b[3] - this.south) / this.dLat));
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) this.add(r * this.cols + c, gi);
    });
  }

  private add(cell: number, gi: number): void {
    const cur = this.cells[cell] as number;
    if (cur === -1) this.cells[cell] = gi;
    else if (cur >= 0) {
      this.multi.push([cur, gi]);
      this.cells[cell] = -2 - (this.multi.length - 1);
    } else (this.multi[-2 - cur] as number[]).push(gi);
  }

  private inside(gi: number, lon: number, lat: number): boolean {
    return (this.polygons[gi] as Rings[]).some((rings) => insideRings(rings, lon, lat));
  }

  locate(lon: number, lat: number): PlaceTags {
    const c = Math.floor((lon - this.west) / this.dLon);
    const r = Math.floor((lat - this.south) / this.dLat);
    if (c < 0 || r < 0 || c >= this.cols || r >= this.rows) return {};
    const v = this.cells[r * this.cols + c] as number;
    if (v >= 0) return this.inside(v, lon, lat) ? tagsOf(this.grids[v] as UnitGridFeature) : {};
    if (v === -1) return {};
    let best = -1;
    for (const gi of this.multi[-2 - v] as number[]) if (this.inside(gi, lon, lat) && (best < 0 || gi < best)) best = gi;
    return best < 0 ? {} : tagsOf(this.grids[best] as UnitGridFeature);
  }
}

/** The obvious way, for benchmarks and tests: every grid, exact point-in-polygon. */
export class BruteForceGridLocator implements Locator {
  private readonly polygons: Rings[][];

  constructor(private readonly grids: readonly UnitGridFeature[]) {
    this.polygons = grids.map((g) => polygonsOf(g.geometry));
  }

  locate(lon: number, lat: number): PlaceTags {
    for (let i = 0; i < this.grids.length; i++) {
      if ((this.polygons[i] as Rings[]).some((rings) => insideRings(rings, lon, lat))) return tagsOf(this.grids[i] as UnitGridFeature);
    }
    return {};
  }
}
