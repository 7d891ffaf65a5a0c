import Flatbush from 'flatbush';
import type { Locator } from '../city/place-locator';
import { polygonsOf } from '../geo/geojson';
import { fromDef } from '../geo/local-projection';
import type { PlaceTags } from '../place/place-codes';
import { cellIndex, cellOf } from './lattice';
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
 * Locates among built grids in O(1): the point is projected into the lattice the grids were cut from,
 * its cell gives the one grid (or the few pieces of a split cell, tested exactly) that can hold it.
 */
export class LatticeGridLocator implements Locator {
  /** Per cell: the candidate grid, -1 for none, or -2 - k for the k-th list of several candidates. */
  private readonly cells: Int32Array;
  private readonly multi: number[][] = [];
  private readonly projected: Rings[][];
  private readonly project: (lon: number, lat: number) => [number, number];

  constructor(
    private readonly lattice: LatticeSpec,
    private readonly grids: readonly UnitGridFeature[],
  ) {
    const proj = fromDef(lattice.proj);
    this.project = proj.forward;
    this.cells = new Int32Array(lattice.cols * lattice.rows).fill(-1);
    this.projected = grids.map((g) => polygonsOf(g.geometry).map((rings) => rings.map((ring) => ring.map((p) => proj.forward(p[0] as number, p[1] as number)))));
    this.projected.forEach((polys, gi) => {
      const [w, s, e, n] = bboxOf(polys);
      const c0 = Math.max(0, Math.floor((w - lattice.x0) / lattice.cellSize));
      const r0 = Math.max(0, Math.floor((s - lattice.y0) / lattice.cellSize));
      const c1 = Math.min(lattice.cols - 1, Math.floor((e - lattice.x0 - 1e-6) / lattice.cellSize));
      const r1 = Math.min(lattice.rows - 1, Math.floor((n - lattice.y0 - 1e-6) / lattice.cellSize));
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) this.add(cellIndex(lattice, c, r), gi);
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

  private inside(gi: number, x: number, y: number): boolean {
    return (this.projected[gi] as Rings[]).some((rings) => insideRings(rings, x, y));
  }

  locate(lon: number, lat: number): PlaceTags {
    const [x, y] = this.project(lon, lat);
    const cell = cellOf(this.lattice, x, y);
    if (!cell) return {};
    const v = this.cells[cellIndex(this.lattice, cell.col, cell.row)] as number;
    if (v >= 0) return this.inside(v, x, y) ? tagsOf(this.grids[v] as UnitGridFeature) : {};
    if (v === -1) return {};
    for (const gi of this.multi[-2 - v] as number[]) if (this.inside(gi, x, y)) return tagsOf(this.grids[gi] as UnitGridFeature);
    return {};
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
