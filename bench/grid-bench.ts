import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Role } from './child';
import type { BuildReq, BuildRes } from './roles/grid-builder';
import type { LocateReq, LocateRes } from './roles/grid-locator';

const ROOT = path.resolve(import.meta.dirname, '..');
const CITY = path.join(ROOT, 'streams/city/data');
/** Beijing's 16 districts (WGS84), from the shared test data next to the project, when it is there. */
const BEIJING = path.resolve(ROOT, '../shared/data/boundaries/derived/beijing_districts_vonng_wgs84.geojson');

export interface GridBenchOptions {
  cellSize: number;
  points: number;
}

async function build(req: Omit<BuildReq, 'type'>): Promise<BuildRes> {
  const role = new Role<BuildReq, BuildRes>('grid-builder');
  try {
    return await role.ask<BuildRes>({ type: 'build', ...req });
  } finally {
    role.kill();
  }
}

/**
 * `npm run bench -- grid`: building grids (Shijingshan with its places; each of Beijing's 16 districts from
 * its boundary alone), each in a fresh process for its own peak memory; and locating points on the
 * built lattice and through the spatial index, against brute-force point-in-polygon on the same cells.
 */
export async function gridBench(o: GridBenchOptions): Promise<Record<string, unknown>> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'gridwall-grid-bench-'));
  try {
    const ssjOut = path.join(tmp, 'shijingshan.geojson');
    const ssj = await build({ boundary: path.join(CITY, 'shijingshan-outline.geojson'), adcode: '110107', places: path.join(CITY, 'shijingshan-places.geojson'), cellSize: o.cellSize, out: ssjOut });
    console.log(JSON.stringify({ district: '110107', ...ssj }));

    const districts: Array<{ adcode: string; name: string } & BuildRes> = [];
    if (existsSync(BEIJING)) {
      const all = JSON.parse(await readFile(BEIJING, 'utf8')) as { features: Array<{ properties: { adcode: number; name: string } }> };
      for (const f of all.features) {
        const adcode = String(f.properties.adcode);
        const file = path.join(tmp, `${adcode}.geojson`);
        await writeFile(file, JSON.stringify({ type: 'FeatureCollection', features: [f] }));
        const r = await build({ boundary: file, adcode, cellSize: o.cellSize, out: path.join(tmp, `${adcode}-grids.geojson`) });
        await rm(path.join(tmp, `${adcode}-grids.geojson`), { force: true });
        districts.push({ adcode, name: f.properties.name, ...r });
        console.log(JSON.stringify(districts.at(-1)));
      }
    } else console.log(`(${BEIJING} is not here: Beijing's 16 districts are skipped)`);

    const locator = new Role<LocateReq, LocateRes>('grid-locator');
    let locate: LocateRes;
    try {
      locate = await locator.ask<LocateRes>({ type: 'locate', file: ssjOut, points: o.points, brutePoints: 2000 });
    } finally {
      locator.kill();
    }
    const sum = (k: 'grids' | 'buildMs' | 'totalMs') => districts.reduce((n, d) => n + d[k], 0);
    return {
      cell_size_m: o.cellSize,
      shijingshan: { grids: ssj.grids, build_ms: ssj.buildMs, total_ms: ssj.totalMs, peak_rss_mb: ssj.peakRssMb, mb: Math.round(ssj.bytes / 1e5) / 10 },
      beijing: districts.length
        ? {
            districts: districts.length,
            grids: sum('grids'),
            build_ms: sum('buildMs'),
            total_ms: sum('totalMs'),
            peak_rss_mb: Math.max(...districts.map((d) => d.peakRssMb)),
            largest: districts.reduce((a, b) => (b.grids > a.grids ? b : a)),
          }
        : null,
      locate: {
        grids: locate.grids,
        lattice_per_s: locate.latticePerS,
        indexed_per_s: locate.indexedPerS,
        brute_force_per_s: locate.bruteForcePerS,
        lattice_ratio: Math.round(locate.latticePerS / locate.bruteForcePerS),
        indexed_ratio: Math.round(locate.indexedPerS / locate.bruteForcePerS),
        hit: locate.hit,
      },
      targets: { lattice_1m_per_s: locate.latticePerS >= 1_000_000, indexed_200k_per_s: locate.indexedPerS >= 200_000 },
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
