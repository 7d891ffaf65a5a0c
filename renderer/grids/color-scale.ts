import type { ExpressionSpecification } from 'maplibre-gl';

/**
 * The grid map's colour scale: a few stepped classes over the fixed domain the hall sends with the
 * counts (GridStats.domain), the same for every window of every wall, so the same colour always means
 * the same count. Classes, not a smooth ramp: from 5 m a colour must be told apart from its neighbour.
 */
export type Rgb = [number, number, number];

/** Dim to bright on the dark map: more reports, more light. */
export const GRID_PALETTE: readonly Rgb[] = [
  [74, 29, 94],
  [138, 42, 111],
  [204, 61, 92],
  [245, 125, 61],
  [255, 210, 63],
];

export const cssRgb = (c: Rgb, alpha = 1): string => (alpha === 1 ? `rgb(${c.join(',')})` : `rgba(${c.join(',')},${alpha})`);

export interface ColorClass {
  /** Smallest and largest count of the class (`to` is Infinity for the top class). */
  from: number;
  to: number;
  color: Rgb;
}

/**
 * Up to `n` classes of whole counts above the domain's floor; the top one takes everything above.
 * [0, 40] → 1–8, 9–16, 17–24, 25–32, 33+. A narrow domain gets fewer classes ([0, 3] → 1, 2, 3+).
 */
export function colorClasses(domain: readonly [number, number], n = GRID_PALETTE.length): ColorClass[] {
  const lo = Math.max(0, Math.floor(domain[0]));
  const span = Math.max(1, Math.ceil(domain[1]) - lo);
  const k = Math.min(n, span);
  const step = Math.ceil(span / k);
  const pal = GRID_PALETTE;
  return Array.from({ length: k }, (_, i) => ({
    from: lo + 1 + i * step,
    to: i === k - 1 ? Infinity : lo + (i + 1) * step,
    // Fewer classes than colours: spread over the whole palette, so the top is always the brightest.
    color: pal[k === 1 ? pal.length - 1 : Math.round((i * (pal.length - 1)) / (k - 1))] as Rgb,
  }));
}

/** The class a count falls in, or -1 for none (zero, or no count). */
export function classOf(count: number | undefined, classes: readonly ColorClass[]): number {
  if (count === undefined || !classes.length || count < (classes[0] as ColorClass).from) return -1;
  for (let i = classes.length - 1; i >= 0; i--) if (count >= (classes[i] as ColorClass).from) return i;
  return -1;
}

/** "1–8", "9–16", "33+". */
export function classLabel(c: ColorClass): string {
  if (c.to === Infinity) return `${c.from}+`;
  return c.from === c.to ? String(c.from) : `${c.from}–${c.to}`;
}

/** A maplibre fill colour from a grid's `n` feature state: transparent below the first class. */
export function stepExpression(classes: readonly ColorClass[], state = 'n'): ExpressionSpecification {
  const expr: unknown[] = ['step', ['coalesce', ['feature-state', state], 0], 'rgba(0,0,0,0)'];
  for (const c of classes) expr.push(c.from, cssRgb(c.color));
  return expr as ExpressionSpecification;
}

/** Metres per (CSS) pixel at a zoom and latitude, in the 512-pixel tiles maplibre and deck.gl share. */
export function metresPerPixel(zoom: number, lat: number): number {
  return (78_271.517 * Math.cos((lat * Math.PI) / 180)) / 2 ** zoom;
}

/** deck.gl 9's HeatmapLayer: integral of its kernel over the disc (× radius²) and common pixels per texel. */
const KERNEL_INTEGRAL = 0.5908;
const TEXTURE_RESOLUTION = 2;

export interface HeatParams {
  radiusPixels: number;
  colorDomain: [number, number];
}

/**
 * The heatmap's radius and colour domain for a zoom, so its colours mean what the choropleth's mean:
 * the top colour where points are as dense as `domain[1]` per unit grid (`cellAreaM2`), at any zoom.
 *
 * deck.gl sums a Gaussian kernel of `radiusPixels` per point into a texture, and scales a SUM colour
 * domain by metres per texel (linearly), while the kernel sum of a given density grows with the square
 * of metres per pixel. The radius grows by √2 a zoom level (so the blur stays proportionate) and the
 * domain is set from the exact ratio, which holds while the map is under 4096 pixels wide (every wall
 * layout's map is). The floor fades the palette in from half the first class.
 */
export function heatParams(zoom: number, lat: number, uiScale: number, domain: readonly [number, number], cellAreaM2: number, classes = colorClasses(domain)): HeatParams {
  const radiusPixels = Math.min(100, Math.max(4, 22 * uiScale * 2 ** ((zoom - 12) / 2)));
  const perCount = (KERNEL_INTEGRAL * radiusPixels ** 2 * metresPerPixel(zoom, lat)) / (Math.max(1, cellAreaM2) * TEXTURE_RESOLUTION);
  const top = Math.max(1, domain[1]);
  const floor = Math.max(0.5, ((classes[0]?.from ?? 1) + (classes[0]?.to ?? 1)) / 4);
  return { radiusPixels, colorDomain: [floor * perCount, top * perCount] };
}
