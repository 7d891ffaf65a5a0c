import type { PanelOptions } from '../wall/contributions';
import { niceMax } from './figures';

/**
 * Open cases as a grid fill: a choropleth of open cases per unit grid (on the grids' own source and
 * palette, with its own feature-state key) or a heatmap of their positions — counted from the live
 * marks, so it is current to the second and the same on every window that has the same marks.
 * `?case-layer=choropleth|heatmap|none` or the map region's `case-layer` option; default none.
 */
export type CaseFillMode = 'choropleth' | 'heatmap' | 'none';
const MODES: readonly CaseFillMode[] = ['choropleth', 'heatmap', 'none'];

export function caseFillMode(search: string, options: PanelOptions): CaseFillMode {
  const q = new URLSearchParams(search).get('case-layer');
  const o = options['case-layer'];
  return MODES.find((m) => m === q) ?? MODES.find((m) => m === o) ?? 'none';
}

/** The legend's range: 0 to the busiest grid, rounded up in 1-2-5 steps (so it does not move with every case). */
export function caseDomain(perGrid: ReadonlyMap<string, number>): [number, number] {
  return [0, niceMax(Math.max(0, ...perGrid.values()))];
}

/** The heatmap's unit: open cases per square kilometre (unit grids are too small for sparse open cases to show as heat). */
export const HEAT_CELL_M2 = 1_000_000;

/**
 * The most open cases in any ~1 km² square (a lattice of 1 km cells in local metres): the top of the
 * heatmap's scale, so its brightest colour is where open cases are densest, whatever their number.
 */
export function densestSquareKm(points: Iterable<{ lon: number; lat: number }>): number {
  const cells = new Map<string, number>();
  let max = 0;
  for (const p of points) {
    const x = Math.floor((p.lon * 111_320 * Math.cos((p.lat * Math.PI) / 180)) / 1000);
    const y = Math.floor((p.lat * 110_574) / 1000);
    const k = `${x}:${y}`;
    const n = (cells.get(k) ?? 0) + 1;
    cells.set(k, n);
    if (n > max) max = n;
  }
  return max;
}
