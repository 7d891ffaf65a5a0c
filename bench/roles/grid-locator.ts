// Locate throughput on one grid set: the lattice, the spatial index (as for imported grids), and brute
// force over the same cells, in the same process and run.
import { readFile } from 'node:fs/promises';
import type { Locator } from '../../app/city/place-locator';
import { BruteForceGridLocator, IndexedGridLocator, LatticeGridLocator } from '../../app/grid/grid-locator';
import type { UnitGridCollection } from '../../app/grid/unit-grid';
import { serve } from '../child';

export interface LocateReq {
  type: 'locate';
  file: string;
  points: number;
  brutePoints: number;
}

export interface LocateRes {
  grids: number;
  latticePerS: number;
  indexedPerS: number;
  bruteForcePerS: number;
  /** Share of sampled points inside some grid (sanity: the same for every method). */
  hit: { lattice: number; indexed: number; bruteForce: number };
}

function rate(locator: Locator, pts: Float64Array, n: number): { perS: number; hit: number } {
  let found = 0;
  // One warm-up pass over a slice, so the JIT has compiled the hot path before it is timed.
  for (let i = 0; i < Math.min(n, 20_000); i++) locator.locate(pts[2 * i] as number, pts[2 * i + 1] as number);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) if (locator.locate(pts[2 * i] as number, pts[2 * i + 1] as number).grid) found++;
  const s = (performance.now() - t0) / 1000;
  return { perS: Math.round(n / s), hit: Math.round((found / n) * 1000) / 1000 };
}

serve<LocateReq>(async (req) => {
  const set = JSON.parse(await readFile(req.file, 'utf8')) as UnitGridCollection;
  if (!set.lattice) throw new Error(`${req.file} has no lattice`);
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const f of set.features)
    for (const ring of (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as number[][][][])
      for (const p of ring[0] ?? []) {
        w = Math.min(w, p[0] as number);
        e = Math.max(e, p[0] as number);
        s = Math.min(s, p[1] as number);
        n = Math.max(n, p[1] as number);
      }
  // Deterministic pseudo-random points over the set's bounding box (some fall outside the district).
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
  const pts = new Float64Array(req.points * 2);
  for (let i = 0; i < req.points; i++) {
    pts[2 * i] = w + rnd() * (e - w);
    pts[2 * i + 1] = s + rnd() * (n - s);
  }
  const lattice = rate(new LatticeGridLocator(set.lattice, set.features), pts, req.points);
  const indexed = rate(new IndexedGridLocator(set.features), pts, req.points);
  const brute = rate(new BruteForceGridLocator(set.features), pts, req.brutePoints);
  return {
    grids: set.features.length,
    latticePerS: lattice.perS,
    indexedPerS: indexed.perS,
    bruteForcePerS: brute.perS,
    hit: { lattice: lattice.hit, indexed: indexed.hit, bruteForce: brute.hit },
  } satisfies LocateRes;
});
