import { describe, expect, it } from 'vitest';
import { gbk, shapefileBytes, zipBytes } from './fixtures/write-shapefile';
import { dbfEncoding, shapefileFeatures, shapefileFromZip } from './read-shapefile';
import { readZip } from './read-zip';

const square: Array<[number, number]> = [[39_431_500, 4_418_700], [39_431_600, 4_418_700], [39_431_600, 4_418_800], [39_431_500, 4_418_800], [39_431_500, 4_418_700]];

describe('reading Shapefiles', () => {
  const files = shapefileBytes(
    [
      { polygons: [[square]], attributes: { WGBM: 110107001001001, SQMC: gbk('鲁谷社区') } },
      { polygons: null, attributes: { WGBM: 110107001001002, SQMC: gbk('鲁谷社区') } },
    ],
    [
      { name: 'WGBM', type: 'N', length: 15 },
      { name: 'SQMC', type: 'C', length: 20 },
    ],
  );

  it('reads raw coordinates, null shapes and numeric codes, never reprojecting', () => {
    const features = shapefileFeatures({ shp: files.shp, dbf: files.dbf }, 'grids.shp');
    expect(features[0]).toMatchObject({ index: 0, properties: { WGBM: 110107001001001, SQMC: '鲁谷社区' }, geometry: { type: 'Polygon' } });
    expect((features[0]?.geometry?.coordinates as number[][][])[0]).toContainEqual([39_431_600, 4_418_800]);
    expect(features[1]).toMatchObject({ index: 1, geometry: null });
  });

  it('picks the .dbf encoding from the .cpg, the language byte, or the bytes themselves', () => {
    const utf8 = shapefileBytes([{ polygons: [[square]], attributes: { SQMC: '鲁谷社区' } }], [{ name: 'SQMC', type: 'C', length: 20 }]).dbf;
    expect(dbfEncoding('UTF-8', files.dbf)).toBe('utf-8');
    expect(dbfEncoding('ANSI 936', utf8)).toBe('gb18030');
    expect(dbfEncoding(' GBK\n', utf8)).toBe('gb18030');
    expect(dbfEncoding(undefined, files.dbf)).toBe('gb18030');
    expect(dbfEncoding(undefined, utf8)).toBe('utf-8');
    const marked = Buffer.from(utf8);
    marked[29] = 0x4d;
    expect(dbfEncoding(undefined, marked)).toBe('gb18030');
  });

  it('opens zips (deflated) and refuses what is not a Shapefile', () => {
    const zip = zipBytes({ 'a/grids.SHP': files.shp, 'a/grids.dbf': files.dbf, 'a/grids.prj': 'PROJCS["x"]', 'readme.txt': 'hi' });
    expect([...readZip(zip).keys()]).toEqual(['a/grids.SHP', 'a/grids.dbf', 'a/grids.prj', 'readme.txt']);
    expect(shapefileFromZip('grids.zip', zip)).toMatchObject({ prj: 'PROJCS["x"]', prjName: 'grids.prj' });
    expect(() => shapefileFromZip('notes.zip', zipBytes({ 'readme.txt': 'hi' }))).toThrow('notes.zip: holds no Shapefile (.shp): zip the .shp with its .dbf and .prj.');
    expect(() => shapefileFromZip('junk.zip', Buffer.from('not a zip at all, really not'))).toThrow('junk.zip: cannot be opened: it is not a zip archive.');
    expect(() => shapefileFeatures({ shp: Buffer.alloc(120), dbf: files.dbf }, 'g.shp')).toThrow('g.shp: is not a Shapefile (.shp): it does not start like one.');
    expect(() => shapefileFeatures({ shp: files.shp }, 'g.shp')).toThrow(/g\.shp: has no \.dbf beside it/);
  });
});
