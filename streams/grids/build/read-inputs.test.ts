import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGrids } from '../../../app/grid/build/build-grids';
import { readBoundary, readPlaces } from './read-inputs';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gw-build-inputs-'));
});

const square = [[[116.19, 39.89], [116.21, 39.89], [116.21, 39.91], [116.19, 39.91], [116.19, 39.89]]];
const poly = (coordinates: unknown, properties: Record<string, unknown> = {}) => ({ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates } });
const point = (lon: number, lat: number, properties: Record<string, unknown>) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [lon, lat] } });

async function file(name: string, features: unknown[]): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, JSON.stringify({ type: 'FeatureCollection', features }));
  return p;
}

describe('grid build: bad input is one sentence naming the file, the feature and what to fix', () => {
  it('refuses boundaries that are not an area, cross themselves, or are in metres or swapped', async () => {
    const line = path.join(dir, 'line.geojson');
    await writeFile(line, JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[116.1, 39.9], [116.2, 39.9]] } }));
    await expect(readBoundary(line, '110107')).rejects.toThrow('line.geojson: feature 0 is a LineString, not a Polygon or MultiPolygon: the boundary must be an area.');
    const bowtie = await file('bowtie.geojson', [poly([[[116.1, 39.9], [116.2, 40.0], [116.2, 39.9], [116.1, 40.0], [116.1, 39.9]]])]);
    await expect(readBoundary(bowtie, '110107')).rejects.toThrow(/^bowtie\.geojson: feature 0 crosses itself near \(116\.150000, 39\.950000\): fix the self-intersection/);
    const metres = await file('metres.geojson', [poly([[[439000, 4418000], [440000, 4418000], [440000, 4419000], [439000, 4418000]]])]);
    await expect(readBoundary(metres, '110107')).rejects.toThrow(/metres\.geojson: feature 0 has coordinates like .*metres, not degrees/);
    const swapped = await file('swapped.geojson', [poly([[[39.9, 116.1], [39.9, 116.2], [40.0, 116.2], [39.9, 116.1]]])]);
    await expect(readBoundary(swapped, '110107')).rejects.toThrow(/swapped\.geojson: feature 0 has .*latitude and longitude look swapped/);
    const flat = await file('flat.geojson', [poly([[[116.1, 39.9], [116.2, 39.9], [116.1, 39.9]]])]);
    await expect(readBoundary(flat, '110107')).rejects.toThrow('flat.geojson: feature 0 has a ring with fewer than 3 distinct corners: fix or remove that ring.');
    const empty = await file('empty.geojson', []);
    await expect(readBoundary(empty, '110107')).rejects.toThrow('empty.geojson: has no features.');
  });

  it('takes a district out of a file of several by its adcode, and says when it is not there', async () => {
    const many = await file('districts.geojson', [poly(square, { adcode: 110101 }), poly(square, { adcode: 110107 })]);
    await expect(readBoundary(many, '110107')).resolves.toHaveLength(1);
    await expect(readBoundary(many, '110108')).rejects.toThrow('districts.geojson: no feature has adcode 110108 (--code), among 2 features: give the boundary of 110108 or fix --code.');
    const one = await file('one.geojson', [poly(square, { adcode: '110101' })]);
    await expect(readBoundary(one, '110107')).rejects.toThrow('one.geojson: feature 0 is district 110101, not 110107 (--code): give the boundary of 110107 or fix --code.');
  });

  it('refuses malformed, duplicate or foreign place codes, odd levels and mixed geometry', async () => {
    const cases: Array<[string, unknown[], string]> = [
      ['nocode.geojson', [point(116.2, 39.9, { name: 'x' })], 'nocode.geojson: feature 0 has no "code": give its 12-digit statistical code (e.g. 110107011002).'],
      ['short.geojson', [point(116.2, 39.9, { code: '11010701100' })], 'short.geojson: feature 0 has code "11010701100": a street or community code is 12 digits (e.g. 110107011002).'],
      ['foreign.geojson', [point(116.2, 39.9, { code: '110108001001' })], 'foreign.geojson: feature 0 has code 110108001001, which is not in district 110107 (--code): its first 6 digits must be 110107.'],
      [
        'dup.geojson',
        [point(116.2, 39.9, { code: '110107001001' }), point(116.21, 39.9, { code: 110107001001 })],
        'dup.geojson: feature 1 repeats code 110107001001 of feature 0: each street and community once.',
      ],
      ['level.geojson', [point(116.2, 39.9, { code: '110107001001', level: 'county' })], 'level.geojson: feature 0 has level "county": a place is a street (street/town) or a community (community/village).'],
      ['street.geojson', [point(116.2, 39.9, { code: '110107001001', level: 'town' })], "street.geojson: feature 0 is a street with code 110107001001: a street's 12-digit code ends in 000."],
      [
        'mixed.geojson',
        [poly(square, { code: '110107001001' }), poly(square, { code: '110107001002' }), point(116.2, 39.9, { code: '110107001003' })],
        'mixed.geojson: feature 2 is a community given as a point among communities given as areas: give them all as Polygons or all as Points.',
      ],
    ];
    for (const [name, features, message] of cases) await expect(readPlaces([await file(name, features)], '110107'), name).rejects.toThrow(message);
  });

  it('reads a file given as both streets and communities once, and names the other file for a code in two', async () => {
    const both = await file('both.geojson', [point(116.2, 39.9, { code: '110107001000', level: 'street' }), point(116.2, 39.9, { code: '110107001001', level: 'community' })]);
    await expect(readPlaces([both, both], '110107')).resolves.toHaveLength(2);
    const other = await file('other.geojson', [point(116.2, 39.9, { code: '110107001001' })]);
    await expect(readPlaces([both, other], '110107')).rejects.toThrow('other.geojson: feature 0 repeats code 110107001001 of both.geojson feature 1: each street and community once.');
  });

  it('ignores places outside the district with a note, but not all of them', async () => {
    const boundary = await readBoundary(await file('square.geojson', [poly(square)]), '110107');
    const places = await readPlaces(
      [await file('places.geojson', [point(116.2, 39.9, { code: '110107001001', name: '里' }), point(116.5, 39.9, { code: '110107001002', name: '外' })])],
      '110107',
    );
    const built = buildGrids({ adcode: '110107', cellSize: 100, boundary, places });
    expect(built.summary.notes).toEqual(['places.geojson feature 1 (110107001002 外) lies outside the district: ignored.']);
    expect(built.summary.communities).toBe(1);
    expect(() => buildGrids({ adcode: '110107', cellSize: 100, boundary, places: places.slice(1) })).toThrow(/^none of the 1 places given lies in the district/);
  });
});
