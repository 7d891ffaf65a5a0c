import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { fromWgs84 } from '../../geo/crs';
import { distanceMeters } from '../../geo/lnglat';
import { eastingMismatch, guessProjected, guessText } from './crs-hints';
import { converterTo84, crsFromPrj, epsgCrs, mapPositions, parseCrsName, type SourceCrs } from './source-crs';
import { ZONE_39_PRJ } from './test-lattice';

const CM_117_PRJ = ZONE_39_PRJ.replace('Zone_39', 'CM_117E').replace('39500000.0', '500000.0');

const epsgOf = (c: SourceCrs | undefined) => (c?.kind === 'projected' ? c.epsg : c?.kind === 'geographic' ? c.datum : undefined);

/** Meridian arc length from the equator on GRS80, by Simpson's rule: an independent check of the northing. */
function meridianArc(latDeg: number): number {
  const a = 6378137;
  const f = 1 / 298.257222101;
  const e2 = f * (2 - f);
  const n = 2000;
  const h = (latDeg * Math.PI) / 180 / n;
  const m = (phi: number) => (a * (1 - e2)) / Math.pow(1 - e2 * Math.sin(phi) ** 2, 1.5);
  let s = m(0) + m(n * h);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * m(i * h);
  return (s * h) / 3;
}

describe('source CRS', () => {
  it('understands the names users and GeoJSON files give', () => {
    expect(epsgOf(parseCrsName('wgs84'))).toBe('wgs84');
    expect(epsgOf(parseCrsName('GCJ02'))).toBe('gcj02');
    expect(epsgOf(parseCrsName('cgcs2000'))).toBe('cgcs2000');
    expect(epsgOf(parseCrsName('EPSG:4490'))).toBe('cgcs2000');
    expect(epsgOf(parseCrsName('urn:ogc:def:crs:OGC:1.3:CRS84'))).toBe('wgs84');
    expect(epsgOf(parseCrsName('urn:ogc:def:crs:EPSG::4527'))).toBe(4527);
    expect(epsgOf(parseCrsName('http://www.opengis.net/def/crs/EPSG/0/4548'))).toBe(4548);
    expect(parseCrsName('EPSG:2436')).toBeUndefined();
    expect(parseCrsName('mars')).toBeUndefined();
  });

  it('defines the CGCS2000 Gauss–Krüger zones: zone numbers in the false easting for 4513–4533, none for 4534–4554', () => {
    const defOf = (code: number) => (epsgCrs(code) as Extract<SourceCrs, { kind: 'projected' }>).def;
    expect(defOf(4513)).toBe('+proj=tmerc +lat_0=0 +lon_0=75 +k=1 +x_0=25500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
    expect(defOf(4527)).toBe('+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=39500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
    expect(defOf(4533)).toContain('+lon_0=135 +k=1 +x_0=45500000');
    expect(defOf(4534)).toContain('+lon_0=75 +k=1 +x_0=500000 ');
    expect(defOf(4548)).toContain('+lon_0=117 +k=1 +x_0=500000 ');
    expect(defOf(4554)).toContain('+lon_0=135 +k=1 +x_0=500000 ');
    expect(defOf(4491)).toContain('+lon_0=75 +k=1 +x_0=13500000');
    expect(defOf(4512)).toContain('+lon_0=135 +k=1 +x_0=500000 ');
  });

  it('reads the CRS from .prj files', () => {
    expect(epsgOf((crsFromPrj(ZONE_39_PRJ) as { crs: SourceCrs }).crs)).toBe(4527);
    expect(epsgOf((crsFromPrj(CM_117_PRJ) as { crs: SourceCrs }).crs)).toBe(4548);
    const geo = 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    expect(epsgOf((crsFromPrj(geo) as { crs: SourceCrs }).crs)).toBe('cgcs2000');
    expect(epsgOf((crsFromPrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]]') as { crs: SourceCrs }).crs)).toBe('wgs84');
    // A custom name: read from its parameters.
    const custom = crsFromPrj(ZONE_39_PRJ.replace('CGCS2000_3_Degree_GK_Zone_39', 'Beijing_City_Grid'));
    expect('crs' in custom && custom.crs.kind === 'projected' && custom.crs.def).toContain('+lon_0=117 +k=1 +x_0=39500000');
    expect(crsFromPrj(ZONE_39_PRJ.replace('CGCS2000_3_Degree_GK_Zone_39', 'Beijing_1954_3_Degree_GK_Zone_39'))).toMatchObject({ problem: expect.stringMatching(/older datum/) });
    expect(crsFromPrj('PROJCS["Lambert",GEOGCS["GCS_WGS_1984"],PROJECTION["Lambert_Conformal_Conic"]]')).toMatchObject({ problem: expect.stringMatching(/cannot convert \(Lambert\)/) });
    expect(crsFromPrj('hello')).toMatchObject({ problem: 'is not a WKT coordinate system' });
  });

  it('converts zone 39 to WGS84: the central meridian lands on 117°E at the right latitude (independent meridian arc)', () => {
    const to84 = converterTo84(epsgCrs(4527) as SourceCrs);
    const [lon, lat] = to84(39_500_000, meridianArc(39.9));
    expect(lon).toBeCloseTo(117, 9);
    expect(lat).toBeCloseTo(39.9, 8);
  });

  it('agrees with proj4 reading the office’s own .prj, and round-trips within a millimetre', () => {
    const byPrj = proj4(ZONE_39_PRJ, 'EPSG:4326');
    for (const crs of [epsgCrs(4527), (crsFromPrj(ZONE_39_PRJ) as { crs: SourceCrs }).crs]) {
      const to84 = converterTo84(crs as SourceCrs);
      for (const p of [[116.2169, 39.9054], [116.1198, 39.9551], [116.2449, 39.8978]] as const) {
        const [x, y] = byPrj.inverse([...p]) as [number, number];
        expect(distanceMeters(to84(x, y), p)).toBeLessThan(0.001);
      }
    }
    const cm = converterTo84(epsgCrs(4548) as SourceCrs);
    const [x, y] = proj4(CM_117_PRJ, 'EPSG:4326').inverse([116.2, 39.9]) as [number, number];
    expect(x).toBeLessThan(1e6);
    expect(distanceMeters(cm(x, y), [116.2, 39.9])).toBeLessThan(0.001);
  });

  it('undoes GCJ-02 within a metre, and leaves CGCS2000 degrees alone', () => {
    const gcj = fromWgs84(116.2169, 39.9054, 'gcj02');
    expect(distanceMeters(converterTo84(epsgCrs(4490) as SourceCrs)(116.2169, 39.9054), [116.2169, 39.9054])).toBe(0);
    expect(distanceMeters(converterTo84(parseCrsName('gcj02') as SourceCrs)(gcj[0], gcj[1]), [116.2169, 39.9054])).toBeLessThan(1);
  });

  it('maps positions at any depth, to about a millimetre, dropping heights', () => {
    expect(mapPositions([[[116.123456789123, 39.9, 50]]], (x, y) => [x, y])).toEqual([[[116.12345679, 39.9]]]);
    expect(mapPositions([['a', 1]], (x, y) => [x, y])).toEqual([['a', 1]]);
  });
});

describe('CRS hints', () => {
  it('recognises metres given as degrees', () => {
    expect(guessText(guessProjected(39_431_585, 4_418_732) as { crs: SourceCrs })).toBe('they look like CGCS2000 3° Gauss–Krüger zone 39 (EPSG:4527): give --crs EPSG:4527');
    expect(guessText(guessProjected(431_585, 4_418_732) as { advice: string })).toMatch(/without a zone number: give --crs EPSG:4534–4554/);
    expect(epsgOf((guessProjected(12_937_000, 4_852_000) as { crs: SourceCrs }).crs)).toBe(3857);
    expect(guessProjected(116.2, 39.9)).toBeUndefined();
  });

  it('spots a wrong zone from the eastings and names the right EPSG', () => {
    const suggest = (code: number, x: number) => epsgOf(eastingMismatch(epsgCrs(code) as SourceCrs, x)?.suggest);
    expect(eastingMismatch(epsgCrs(4527) as SourceCrs, 39_431_585)).toBeUndefined();
    expect(eastingMismatch(epsgCrs(4548) as SourceCrs, 431_585)).toBeUndefined();
    expect(suggest(4528, 39_431_585)).toBe(4527);
    expect(suggest(4527, 431_585)).toBe(4548);
    expect(suggest(4548, 39_431_585)).toBe(4527);
    expect(eastingMismatch(epsgCrs(4326) as SourceCrs, 39_431_585)).toBeUndefined();
  });
});
