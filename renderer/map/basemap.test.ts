import { describe, expect, it, vi } from 'vitest';
import type { BaseMap } from '../../app/city/city';
import { basemapProblem, loadBasemap, rasterParts, vectorParts } from './basemap';

const origin = 'http://hall.local:8750';
const raster: BaseMap = { type: 'raster', url: '/basemap/{z}/{x}/{y}.png', crs: 'gcj02', maxzoom: 18, attribution: '底图' };

describe('the optional base map', () => {
  it('draws none unless one is configured', async () => {
    expect(await loadBasemap(undefined, origin, () => Promise.reject(new Error('no fetch')))).toBeUndefined();
  });

  it('takes XYZ raster tiles from the hall', async () => {
    const parts = rasterParts(raster);
    expect(parts.layers).toEqual([{ id: 'basemap-raster', type: 'raster', source: 'basemap-raster' }]);
    expect(parts.sources['basemap-raster']).toMatchObject({ type: 'raster', tiles: ['/basemap/{z}/{x}/{y}.png'], tileSize: 256, maxzoom: 18, attribution: '底图' });
    expect(await loadBasemap(raster, origin, () => Promise.reject(new Error('no fetch')))).toEqual(parts);
  });

  it('merges a vector style under its own names, with absolute URLs', async () => {
    const style = {
      version: 8,
      glyphs: '/fonts/{fontstack}/{range}.pbf',
      sprite: '/basemap/sprite',
      sources: { osm: { type: 'vector', url: 'tiles.json' } },
      layers: [{ id: 'roads', type: 'line', source: 'osm', 'source-layer': 'roads' }],
    };
    const parts = await loadBasemap({ type: 'vector', url: '/basemap/style.json', crs: 'wgs84' }, origin, async () => style);
    expect(parts?.sources['basemap-osm']).toEqual({ type: 'vector', url: `${origin}/basemap/tiles.json` });
    expect(parts?.layers[0]).toMatchObject({ id: 'basemap-roads', source: 'basemap-osm', 'source-layer': 'roads' });
    expect(parts?.sprite).toBe(`${origin}/basemap/sprite`);
    expect(() => vectorParts({ version: 7 }, `${origin}/x.json`)).toThrow(/not a MapLibre style/);
  });

  it('says clearly what is missing for PMTiles, and refuses tiles from outside the hall', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(basemapProblem({ type: 'pmtiles', url: '/basemap/city.pmtiles', crs: 'wgs84' }, origin)).toMatch(/PMTiles.*`pmtiles` library/);
    expect(await loadBasemap({ type: 'pmtiles', url: '/basemap/city.pmtiles', crs: 'wgs84' }, origin, async () => ({}))).toBeUndefined();
    expect(error).toHaveBeenCalledTimes(1);
    expect(basemapProblem({ ...raster, url: 'https://webrd01.is.autonavi.com/{z}/{x}/{y}' }, origin)).toMatch(/not on the hall server/);
    expect(basemapProblem(raster, origin)).toBeUndefined();
    error.mockRestore();
  });
});
