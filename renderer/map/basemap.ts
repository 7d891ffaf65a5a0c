import Type from 'typebox';
import Value from 'typebox/value';
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { BaseMap } from '../../app/city/city';
import type { BasemapParts } from './offline-style';

const PREFIX = 'basemap-';

/** Raster XYZ tiles as one source and one layer. */
export function rasterParts(b: BaseMap): BasemapParts {
  const source: SourceSpecification = {
    type: 'raster',
    tiles: [b.url],
    tileSize: b.tileSize ?? 256,
    ...(b.minzoom !== undefined ? { minzoom: b.minzoom } : {}),
    ...(b.maxzoom !== undefined ? { maxzoom: b.maxzoom } : {}),
    ...(b.attribution ? { attribution: b.attribution } : {}),
  };
  return { sources: { [`${PREFIX}raster`]: source }, layers: [{ id: `${PREFIX}raster`, type: 'raster', source: `${PREFIX}raster` }] };
}

/** The parts of a vector style this wall needs to trust before merging it under its own layers. */
const VectorStyle = Type.Object({
  version: Type.Literal(8),
  sources: Type.Record(Type.String(), Type.Object({ type: Type.String() })),
  layers: Type.Array(Type.Object({ id: Type.String(), type: Type.String() })),
  sprite: Type.Optional(Type.Unknown()),
});

const absolute = (url: string, base: string) => new URL(url, base).href;

/**
 * A vector style's sources and layers, renamed (`basemap-…`) so they never clash with GridWall's, with
 * relative URLs made absolute against the style's own URL. Its `glyphs` URL is dropped: the wall draws
 * every label with its bundled font, locally.
 */
export function vectorParts(style: unknown, styleUrl: string): BasemapParts {
  if (!Value.Check(VectorStyle, style)) throw new Error(`${styleUrl} is not a MapLibre style (version 8, sources, layers)`);
  const sources: Record<string, SourceSpecification> = {};
  for (const [id, s] of Object.entries(style.sources)) {
    const src = { ...s } as Record<string, unknown>;
    if (typeof src.url === 'string') src.url = absolute(src.url, styleUrl);
    if (Array.isArray(src.tiles)) src.tiles = src.tiles.map((t) => (typeof t === 'string' ? absolute(t, styleUrl) : t));
    sources[PREFIX + id] = src as unknown as SourceSpecification;
  }
  const layers = style.layers.map((l) => {
    const layer = { ...l, id: PREFIX + l.id } as Record<string, unknown>;
    if (typeof layer.source === 'string') layer.source = PREFIX + layer.source;
    return layer as unknown as LayerSpecification;
  });
  const sprite = typeof style.sprite === 'string' ? absolute(style.sprite, styleUrl) : (style.sprite as StyleSpecification['sprite'] | undefined);
  return { sources, layers, ...(sprite ? { sprite } : {}) };
}

/** What the wall says when a configured base map cannot be drawn; the map goes on without it. */
export function basemapProblem(b: BaseMap, origin: string): string | undefined {
  if (b.type === 'pmtiles') {
    return 'gridwall: the base map is a PMTiles archive, but this wall has no PMTiles protocol (the `pmtiles` library is not bundled): serve it as XYZ raster tiles or a vector style instead. Drawing without a base map.';
  }
  if (new URL(b.url.replace(/\{[a-z]+\}/g, '0'), origin).origin !== origin) {
    return `gridwall: the base map ${b.url} is not on the hall server; the wall loads nothing from outside the hall (CSP), so it is not drawn.`;
  }
  return undefined;
}

/**
 * The configured base map's style parts, or none (none configured: nothing leaves the hall network).
 * A vector style is fetched first (with the surface's authorization); any failure is said once, on the console.
 */
export async function loadBasemap(b: BaseMap | undefined, origin: string, fetchJson: (url: string) => Promise<unknown>): Promise<BasemapParts | undefined> {
  if (!b) return undefined;
  const problem = basemapProblem(b, origin);
  if (problem) {
    console.error(problem);
    return undefined;
  }
  if (b.type === 'raster') return rasterParts(b);
  try {
    const url = absolute(b.url, origin);
    return vectorParts(await fetchJson(url), url);
  } catch (err) {
    console.error(`gridwall: the base map style could not be loaded (${err instanceof Error ? err.message : String(err)}); drawing without it.`);
    return undefined;
  }
}
