// The map benchmark's baseline: a bare deck.gl page (no maplibre, no React, no stores, no checks)
// drawing the same layers and data as the wall's map: every unit grid and place boundary, place names,
// the heatmap of the same points, and the same live patrols, read from the hall's /live WebSocket as
// plainly as it can be done, gliding between fixes at the same capped frame rate.
// Bundled by esbuild for the benchmark and served on the hall's origin (bench/map-bench.ts).
import { Deck, WebMercatorViewport } from '@deck.gl/core';
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import { TripsLayer } from '@deck.gl/geo-layers';
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { FeatureCollection, Geometry } from 'geojson';
import type { PlaceArea, PlaceAreas } from '../../app/grid/grid-channels';
import { GRID_PALETTE, heatParams } from '../../renderer/grids/color-scale';
import type { BareConfig } from './bare-config';

interface Label {
  text: string;
  at: [number, number];
  size: number;
}

interface Fix {
  unitId: string;
  lon: number;
  lat: number;
  ts: number;
}

interface Patrol {
  ts: number;
  from: [number, number];
  to: [number, number];
  t0: number;
  t1: number;
  /** The trail: positions and seconds since the page started. */
  path: Array<[number, number]>;
  times: number[];
}

const TRAIL_S = 300;
const json = async <T>(url: string): Promise<T> => (await fetch(url)).json() as Promise<T>;
const started = performance.now();
const patrols = new Map<string, Patrol>();
let version = 0;

function positionOf(p: Patrol, now: number): [number, number] {
  if (now >= p.t1 || p.t1 === p.t0) return p.to;
  const f = Math.max(0, (now - p.t0) / (p.t1 - p.t0));
  return [p.from[0] + (p.to[0] - p.from[0]) * f, p.from[1] + (p.to[1] - p.from[1]) * f];
}

/** A fix: glide there over the fix interval (as the wall does), and extend the trail. */
function apply(f: Fix, now: number): void {
  const p = patrols.get(f.unitId);
  const at: [number, number] = [f.lon, f.lat];
  if (!p) {
    patrols.set(f.unitId, { ts: f.ts, from: at, to: at, t0: now, t1: now, path: [at], times: [(now - started) / 1000] });
    version++;
    return;
  }
  if (f.ts <= p.ts) return;
  const glide = Math.min(15_000, Math.max(250, f.ts - p.ts));
  p.ts = f.ts;
  if (at[0] === p.to[0] && at[1] === p.to[1]) return;
  p.from = positionOf(p, now);
  p.to = at;
  p.t0 = now;
  p.t1 = now + glide;
  p.path.push(at);
  p.times.push((p.t1 - started) / 1000);
  while ((p.times[0] as number) < (now - started) / 1000 - TRAIL_S) {
    p.path.shift();
    p.times.shift();
  }
  version++;
}

function listen(token: string, changed: () => void, ready: () => void): void {
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/live`);
  ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', protocol: 2, surface: 'bench-bare', token }));
  ws.onmessage = (e) => {
    const m = JSON.parse(String(e.data)) as { type: string; t?: number; channels?: Record<string, { items?: Fix[]; upsert?: Fix[]; remove?: string[] }> };
    if (m.type === 'ping') return ws.send(JSON.stringify({ type: 'pong', t: m.t }));
    const c = m.channels?.patrols;
    if (!c) return;
    const now = performance.now();
    for (const f of c.items ?? c.upsert ?? []) apply(f, now);
    for (const id of c.remove ?? []) patrols.delete(id);
    changed();
    if (m.type === 'snapshot') ready();
  };
}

async function main(): Promise<void> {
  const cfg = await json<BareConfig>('config.json');
  const [grids, areas, points] = await Promise.all([
    json<FeatureCollection>('grids.json'),
    json<PlaceAreas>('areas.json'),
    fetch('points.bin').then(async (r) => new Float64Array(await r.arrayBuffer())),
  ]);
  const labels: Label[] = [...areas.streets, ...areas.communities].map((a) => ({ text: a.name, at: a.label, size: a.level === 'street' ? 28 : 20 }));
  const outlines = (list: PlaceArea[]): FeatureCollection => ({
    type: 'FeatureCollection',
    features: list.map((a) => ({ type: 'Feature', properties: {}, geometry: a.geometry as Geometry })),
  });
  const { width, height } = { width: window.innerWidth, height: window.innerHeight };
  const b = cfg.bounds;
  const view = new WebMercatorViewport({ width, height }).fitBounds(
    [
      [b[0], b[1]],
      [b[2], b[3]],
    ],
    { padding: 40 },
  );
  const heat = heatParams(Math.round(view.zoom * 4) / 4, (b[1] + b[3]) / 2, 1, [0, 10], 10_000);
  const heatData = { length: points.length / 2, attributes: { getPosition: { value: points, size: 2 } } };

  const deck = new Deck({
    parent: document.body.appendChild(document.createElement('div')),
    width,
    height,
    initialViewState: { longitude: view.longitude, latitude: view.latitude, zoom: view.zoom },
    controller: false,
    useDevicePixels: 1,
  });

  const staticLayers = [
    new HeatmapLayer({ id: 'heat', data: heatData, radiusPixels: heat.radiusPixels, colorDomain: heat.colorDomain, colorRange: GRID_PALETTE as Array<[number, number, number]>, aggregation: 'SUM', opacity: 0.8 }),
    new GeoJsonLayer({ id: 'grids', data: grids, filled: false, stroked: true, getLineColor: [70, 110, 160, 90], lineWidthUnits: 'pixels', getLineWidth: 1 }),
    new GeoJsonLayer({ id: 'communities', data: outlines(areas.communities), filled: false, stroked: true, getLineColor: [120, 170, 230, 150], lineWidthUnits: 'pixels', getLineWidth: 1.5 }),
    new GeoJsonLayer({ id: 'streets', data: outlines(areas.streets), filled: false, stroked: true, getLineColor: [150, 200, 255, 220], lineWidthUnits: 'pixels', getLineWidth: 2.5 }),
    new TextLayer<Label>({ id: 'labels', data: labels, getText: (l) => l.text, getPosition: (l) => l.at, getSize: (l) => l.size, getColor: [220, 235, 255, 255], characterSet: 'auto', fontFamily: 'sans-serif', outlineWidth: 2, outlineColor: [5, 13, 28, 255], fontSettings: { sdf: true } }),
  ];

  let trailsVersion = -1;
  let trails: Patrol[] = [];
  let drawn = 0;
  const draw = () => {
    const now = performance.now();
    const dots: Array<{ at: [number, number] }> = [];
    for (const p of patrols.values()) dots.push({ at: positionOf(p, now) });
    if (version !== trailsVersion) {
      trails = [...patrols.values()].filter((p) => p.path.length > 1).map((p) => ({ ...p }));
      trailsVersion = version;
    }
    deck.setProps({
      layers: [
        ...staticLayers,
        new TripsLayer<Patrol>({ id: 'trails', data: trails, getPath: (p) => p.path, getTimestamps: (p) => p.times, getColor: [46, 255, 170, 200], currentTime: (now - started) / 1000, trailLength: TRAIL_S, fadeTrail: true, widthUnits: 'pixels', getWidth: 3, jointRounded: true, capRounded: true, opacity: 0.8 }),
        new ScatterplotLayer({ id: 'halo', data: dots, getPosition: (d) => d.at, getFillColor: [46, 255, 170, 60], radiusUnits: 'pixels', getRadius: 14, stroked: false }),
        new ScatterplotLayer({ id: 'core', data: dots, getPosition: (d) => d.at, getFillColor: [46, 255, 170, 255], getLineColor: [5, 13, 28, 255], radiusUnits: 'pixels', getRadius: 6, lineWidthUnits: 'pixels', getLineWidth: 2, stroked: true }),
      ],
    });
    drawn = version;
  };
  // At most `fps` draws a second: when a fix moved a patrol, and on while any glides.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = -Infinity;
  const gliding = (t: number) => {
    for (const p of patrols.values()) if (p.t1 > t) return true;
    return false;
  };
  const paced = (): void => {
    if (timer) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        last = performance.now();
        draw();
        if (gliding(last)) paced();
      },
      Math.max(0, last + 1000 / cfg.fps - performance.now()),
    );
  };
  listen(
    cfg.token,
    () => void (version !== drawn && paced()),
    () => ((window as unknown as { benchReady: boolean }).benchReady = true),
  );
}

void main();
