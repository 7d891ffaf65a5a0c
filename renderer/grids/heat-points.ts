import { HeatPoints, type GridMetric, type GridWindow } from '../../app/grid/grid-channels';
import { mapInterleaved, type ToMap } from '../../app/map/display-crs';
import { surfaceGet } from '../access/surface';
import type { Getter } from './grid-data';

/** Heat points are refetched at most this often, and only when the counts behind them changed. */
export const HEAT_REFRESH_MS = 60_000;

export interface HeatFetchState {
  fetchedAt?: number;
  /** What the last fetch was for: the view and the version of its counts. */
  fetchedFor?: string;
  inFlight?: boolean;
}

/**
 * When to fetch the points for `wanted` (a view and the version of its counts): now if never fetched,
 * never while a fetch runs or when nothing changed, else no sooner than a minute after the last fetch.
 */
export function nextHeatFetch(s: HeatFetchState, wanted: string, now: number): number | undefined {
  if (s.inFlight || s.fetchedFor === wanted) return undefined;
  if (s.fetchedAt === undefined || !s.fetchedFor?.startsWith(`${wanted.split('@')[0]}@`)) return now; // a new view: at once
  return Math.max(now, s.fetchedAt + HEAT_REFRESH_MS);
}

export interface HeatData {
  metric: GridMetric;
  window: GridWindow;
  to: number;
  /** WGS84, interleaved lon, lat. */
  coords: Float64Array;
  fetchedAt: number;
}

/**
 * The points behind the heatmap (`GET /api/grids/points`), kept for one view at a time. One timer at
 * most, set only when the counts changed within the last minute: no polling, no loop.
 */
export class HeatPointsSource {
  private state: HeatFetchState = {};
  private data: HeatData | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private wanted: { metric: GridMetric; window: GridWindow; key: string } | undefined;
  private readonly listeners = new Set<() => void>();
  private display: { data: HeatData; toMap: ToMap; coords: Float64Array } | undefined;

  constructor(
    private readonly get: Getter = surfaceGet,
    private readonly now: () => number = Date.now,
  ) {}

  /** Asks for the points of a view whose counts are at `version` (fetched now, later, or not at all). */
  want(metric: GridMetric, window: GridWindow, version: string): void {
    this.wanted = { metric, window, key: `${metric}:${window}@${version}` };
    this.schedule();
  }

  current(): HeatData | undefined {
    return this.data;
  }

  /** The points in the map's display CRS (converted once per fetch, not per frame). */
  displayCoords(toMap: ToMap): Float64Array | undefined {
    const d = this.data;
    if (!d) return undefined;
    if (this.display?.data !== d || this.display.toMap !== toMap) this.display = { data: d, toMap, coords: mapInterleaved(d.coords, toMap) };
    return this.display.coords;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    const w = this.wanted;
    if (!w) return;
    const at = nextHeatFetch(this.state, w.key, this.now());
    clearTimeout(this.timer);
    this.timer = undefined;
    if (at === undefined) return;
    const wait = at - this.now();
    if (wait > 0) this.timer = setTimeout(() => this.schedule(), wait);
    else void this.fetch(w);
  }

  private async fetch(w: { metric: GridMetric; window: GridWindow; key: string }): Promise<void> {
    this.state = { ...this.state, inFlight: true };
    try {
      const p = await this.get(`/api/grids/points?metric=${w.metric}&window=${w.window}`, HeatPoints);
      this.data = { metric: p.metric, window: p.window, to: p.to, coords: Float64Array.from(p.coords), fetchedAt: this.now() };
      for (const l of this.listeners) l();
    } catch (err) {
      console.error(`gridwall: heat points: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      // A failed fetch counts as one: the next try waits its minute too.
      this.state = { fetchedAt: this.now(), fetchedFor: w.key };
      if (this.wanted && this.wanted.key !== w.key) this.schedule();
    }
  }
}

export const heatPoints = new HeatPointsSource();
