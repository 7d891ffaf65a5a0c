import type { GridMetric, GridStats, GridWindow } from '../../app/grid/grid-channels';
import { hallDay } from '../../app/grid/coverage';
import type { Queryable } from '../db/db';

export const WINDOWS: readonly GridWindow[] = ['today', '7d', '30d'];

/** When a window starts, in the hall's time zone: today from midnight, 7 d and 30 d including today. */
export function windowStart(window: GridWindow, now: number, timeZone: string): number {
  const { start } = hallDay(now, timeZone);
  const days = window === 'today' ? 0 : window === '7d' ? 6 : 29;
  return start - days * 86_400_000;
}

/**
 * The legend's upper end: the maximum rounded up to 1, 2 or 5 × 10ⁿ, so the scale is readable and does
 * not jump with every new count.
 */
export function niceMax(max: number): number {
  if (max <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (max <= m * p) return m * p;
  return 10 * p;
}

export function statsItem(metric: GridMetric, window: GridWindow, from: number, to: number, counts: ReadonlyMap<string, number>): GridStats {
  let max = 0;
  let total = 0;
  const out: Record<string, number> = {};
  for (const [grid, n] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (n <= 0) continue;
    out[grid] = n;
    total += n;
    if (n > max) max = n;
  }
  return { key: `${metric}:${window}`, metric, window, from, to, domain: [0, niceMax(max)], counts: out, total };
}

/** Reports per grid since `from` (one GROUP BY on a small table, run every few minutes, not per frame). */
export async function reportCountsSince(db: Queryable, from: number): Promise<Map<string, number>> {
  const rows = await db.query<{ grid: string; n: number }>(
    `SELECT grid, count(*)::int AS n FROM inspector_report WHERE received_at >= $1 AND grid IS NOT NULL GROUP BY grid`,
    [from],
  );
  return new Map(rows.map((r) => [r.grid, Number(r.n)]));
}

/** Report positions since `from`, newest first, for the heatmap: interleaved lon, lat. */
export async function reportPointsSince(db: Queryable, from: number, limit: number): Promise<number[]> {
  const rows = await db.query<{ lon: number; lat: number }>(`SELECT lon, lat FROM inspector_report WHERE received_at >= $1 ORDER BY received_at DESC LIMIT $2`, [from, limit]);
  const coords: number[] = [];
  for (const r of rows) coords.push(Math.round(r.lon * 1e6) / 1e6, Math.round(r.lat * 1e6) / 1e6);
  return coords;
}

/**
 * Report counts per grid for each window, kept current: a full count every few minutes (windows slide),
 * and +1 as each report arrives in between, so the choropleth follows the feed within seconds.
 */
export class ReportCounts {
  private readonly counts = new Map<GridWindow, { from: number; byGrid: Map<string, number> }>();

  /** A full count; returns whether it differs from what was kept (a recount that finds nothing new publishes nothing). */
  set(window: GridWindow, from: number, byGrid: Map<string, number>): boolean {
    const old = this.counts.get(window);
    this.counts.set(window, { from, byGrid });
    if (!old || old.from !== from || old.byGrid.size !== byGrid.size) return true;
    for (const [grid, n] of byGrid) if (old.byGrid.get(grid) !== n) return true;
    return false;
  }

  /** Counts a new report; returns the windows that changed. */
  add(grid: string, ts: number): GridWindow[] {
    const changed: GridWindow[] = [];
    for (const [window, c] of this.counts) {
      if (ts < c.from) continue;
      c.byGrid.set(grid, (c.byGrid.get(grid) ?? 0) + 1);
      changed.push(window);
    }
    return changed;
  }

  item(window: GridWindow, now: number): GridStats | undefined {
    const c = this.counts.get(window);
    return c ? statsItem('reports', window, c.from, now, c.byGrid) : undefined;
  }
}
