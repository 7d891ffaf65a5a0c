import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDegrees, featuresOf, readGeoJsonFile } from './read-geojson';

describe('reading GeoJSON', () => {
  it('takes collections, single features, bare geometries and bare arrays', () => {
    const poly = { type: 'Polygon', coordinates: [[[116, 39], [117, 39], [117, 40], [116, 39]]] };
    expect(featuresOf({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { a: 1 }, geometry: poly }] }, 'x.geojson')).toHaveLength(1);
    expect(featuresOf(poly, 'x.geojson')[0]).toMatchObject({ index: 0, properties: {}, geometry: { type: 'Polygon' } });
    expect(featuresOf([{ type: 'Feature', properties: null, geometry: poly }], 'x.geojson')).toHaveLength(1);
  });

  it('says what is wrong in one sentence naming the file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gw-geojson-'));
    const write = async (name: string, text: string) => {
      await writeFile(path.join(dir, name), text);
      return path.join(dir, name);
    };
    await expect(readGeoJsonFile(path.join(dir, 'none.geojson'))).rejects.toThrow('none.geojson: no such file.');
    await expect(readGeoJsonFile(await write('empty.geojson', ' '))).rejects.toThrow('empty.geojson: is empty.');
    await expect(readGeoJsonFile(await write('bad.geojson', '{"type":'))).rejects.toThrow(/bad.geojson: is not valid JSON/);
    await expect(readGeoJsonFile(await write('none.json', '{"type":"FeatureCollection","features":[]}'))).rejects.toThrow('none.json: has no features.');
    await expect(readGeoJsonFile(await write('odd.json', '[{"type":"Topology"}]'))).rejects.toThrow('odd.json: feature 0 is a "Topology", not a GeoJSON Feature.');
  });

  it('spots metres given as degrees and swapped latitude and longitude', () => {
    expect(() => checkDegrees([[39500123.5, 4420000.2]], 'g.shp', 3)).toThrow(/g.shp: feature 3 has coordinates like .*metres, not degrees/);
    expect(() => checkDegrees([[39.9, 116.4]], 'g.geojson', 0)).toThrow(/swapped/);
    expect(() => checkDegrees([[116.4, 39.9]], 'g.geojson', 0)).not.toThrow();
  });
});
