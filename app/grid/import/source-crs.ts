import proj4 from 'proj4';
import { toWgs84 } from '../../geo/crs';

/**
 * The coordinate system a city GIS office's grid file is in. Chinese offices deliver CGCS2000 (treated as
 * WGS84: sub-metre apart), often projected in a Gauss–Krüger zone, sometimes GCJ-02 from a web map.
 */
export type SourceCrs =
  | { kind: 'geographic'; datum: 'wgs84' | 'cgcs2000' | 'gcj02' | 'bd09'; label: string }
  | {
      kind: 'projected';
      label: string;
      /** proj4 definition; its inverse gives longitude/latitude on GRS80/WGS84, taken as WGS84. */
      def: string;
      epsg?: number;
      /** Gauss–Krüger: the zone width (3° or 6°), central meridian and false easting, to check eastings against. */
      gk?: { width: 3 | 6; centralMeridian: number; falseEasting: number };
    };

export const CRS_CHOICES = 'wgs84, gcj02, bd09, cgcs2000, EPSG:4326, EPSG:4490, EPSG:4491–4554 (CGCS2000 Gauss–Krüger) or EPSG:3857';

const GEOGRAPHIC = {
  wgs84: { kind: 'geographic', datum: 'wgs84', label: 'WGS84' },
  cgcs2000: { kind: 'geographic', datum: 'cgcs2000', label: 'CGCS2000 (EPSG:4490, taken as WGS84)' },
  gcj02: { kind: 'geographic', datum: 'gcj02', label: 'GCJ-02' },
  bd09: { kind: 'geographic', datum: 'bd09', label: 'BD-09' },
} as const satisfies Record<string, SourceCrs>;

const WEB_MERCATOR: SourceCrs = {
  kind: 'projected',
  label: 'Web Mercator (EPSG:3857)',
  epsg: 3857,
  def: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
};

function gaussKruger(width: 3 | 6, centralMeridian: number, zonePrefix: boolean, epsg?: number): SourceCrs {
  const zone = width === 3 ? centralMeridian / 3 : (centralMeridian + 3) / 6;
  const falseEasting = (zonePrefix ? zone * 1e6 : 0) + 500_000;
  const name = `CGCS2000 ${width}° Gauss–Krüger ${zonePrefix ? `zone ${zone}` : `CM ${centralMeridian}°E`}`;
  return {
    kind: 'projected',
    label: epsg ? `${name} (EPSG:${epsg})` : name,
    def: `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 +ellps=GRS80 +units=m +no_defs`,
    ...(epsg ? { epsg } : {}),
    gk: { width, centralMeridian, falseEasting },
  };
}

/**
 * The EPSG codes GridWall knows: WGS84, CGCS2000 geographic, the CGCS2000 Gauss–Krüger families
 * (6° zones 13–23 = 4491–4501, 6° CM 75–135°E = 4502–4512, 3° zones 25–45 = 4513–4533, 3° CM 75–135°E =
 * 4534–4554; zone-numbered ones carry the zone in the false easting), and Web Mercator.
 */
export function epsgCrs(code: number): SourceCrs | undefined {
  if (code === 4326) return GEOGRAPHIC.wgs84;
  if (code === 4490) return GEOGRAPHIC.cgcs2000;
  if (code === 3857 || code === 900913) return WEB_MERCATOR;
  if (code >= 4491 && code <= 4501) return gaussKruger(6, (code - 4491 + 13) * 6 - 3, true, code);
  if (code >= 4502 && code <= 4512) return gaussKruger(6, 75 + (code - 4502) * 6, false, code);
  if (code >= 4513 && code <= 4533) return gaussKruger(3, (code - 4513 + 25) * 3, true, code);
  if (code >= 4534 && code <= 4554) return gaussKruger(3, 75 + (code - 4534) * 3, false, code);
  return undefined;
}

/** The EPSG code of a Gauss–Krüger zone, from its central meridian and whether eastings carry the zone. */
export function gkEpsg(width: 3 | 6, centralMeridian: number, zonePrefix: boolean): number | undefined {
  const step = (centralMeridian - 75) / width;
  if (!Number.isInteger(step) || step < 0 || step > (width === 3 ? 20 : 10)) return undefined;
  if (width === 3) return (zonePrefix ? 4513 : 4534) + step;
  return (zonePrefix ? 4491 : 4502) + step;
}

/**
 * A CRS as a user (`--crs`) or a GeoJSON `crs` member names it: wgs84, gcj02, bd09, cgcs2000, EPSG:nnnn,
 * urn:ogc:def:crs:EPSG::nnnn, OGC CRS84, or an opengis.net EPSG URL.
 */
export function parseCrsName(raw: string): SourceCrs | undefined {
  const v = raw.trim().toLowerCase().replace(/[\s_]/g, '');
  if (['wgs84', 'wgs-84', 'crs84', 'urn:ogc:def:crs:ogc:1.3:crs84', 'urn:ogc:def:crs:ogc::crs84'].includes(v)) return GEOGRAPHIC.wgs84;
  if (v === 'cgcs2000') return GEOGRAPHIC.cgcs2000;
  if (v === 'gcj02' || v === 'gcj-02') return GEOGRAPHIC.gcj02;
  if (v === 'bd09' || v === 'bd-09') return GEOGRAPHIC.bd09;
  const m = /^(?:urn:ogc:def:crs:)?epsg:(?:[0-9.]*:)?(\d+)$/.exec(v) ?? /^https?:\/\/www\.opengis\.net\/def\/crs\/epsg\/[0-9.]+\/(\d+)$/.exec(v);
  return m ? epsgCrs(Number(m[1])) : undefined;
}

/** What a .prj (ESRI WKT) says: a CRS, or why it cannot be used (and, when --crs would not help, the fix). */
export type PrjReading = { crs: SourceCrs } | { problem: string; fix?: string };

const LEGACY_DATUM = /beijing[ _]?1954|xian[ _]?1980|xi'?an[ _]?80|new[ _]?beijing/i;

function wktParameter(wkt: string, name: string): number | undefined {
  const m = new RegExp(`PARAMETER\\["${name}",\\s*(-?[0-9.eE+-]+)\\]`, 'i').exec(wkt);
  return m ? Number(m[1]) : undefined;
}

/**
 * Reads the CRS from a Shapefile's .prj. ArcGIS names CGCS2000 zones plainly ("CGCS2000_3_Degree_GK_Zone_39",
 * "CGCS2000_3_Degree_GK_CM_117E"); other transverse Mercator definitions on CGCS2000 or WGS84 are read from
 * their parameters. Beijing 1954 and Xi'an 1980 are refused: they need a datum shift only the office can give.
 */
export function crsFromPrj(wkt: string): PrjReading {
  const text = wkt.trim();
  const top = /^(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS)\s*\[\s*"([^"]*)"/i.exec(text);
  if (!top) return { problem: 'is not a WKT coordinate system' };
  const kind = (top[1] as string).toUpperCase();
  const name = top[2] as string;
  if (LEGACY_DATUM.test(text)) {
    return { problem: `is in ${name}, an older datum GridWall cannot convert without the office's transformation parameters`, fix: 'convert the file to CGCS2000 first' };
  }
  const cgcs = /CGCS[ _]?2000|China[ _]Geodetic[ _]Coordinate[ _]System[ _]2000|China[ _]2000/i.test(text);
  const wgs = /WGS[ _]?(19)?84/i.test(text);
  if (kind.startsWith('GEO')) {
    if (cgcs) return { crs: GEOGRAPHIC.cgcs2000 };
    if (wgs) return { crs: GEOGRAPHIC.wgs84 };
    return { problem: `names a geographic CRS GridWall does not know (${name})` };
  }
  let m = /CGCS2000_3_Degree_GK_Zone_(\d+)/i.exec(name);
  if (m) return known(epsgCrs(4513 + Number(m[1]) - 25), name);
  m = /CGCS2000_3_Degree_GK_CM_(\d+)E/i.exec(name);
  if (m) return known(epsgCrs(gkEpsg(3, Number(m[1]), false) ?? 0), name);
  m = /CGCS2000_GK_Zone_(\d+)/i.exec(name);
  if (m) return known(epsgCrs(4491 + Number(m[1]) - 13), name);
  m = /CGCS2000_GK_CM_(\d+)E/i.exec(name);
  if (m) return known(epsgCrs(gkEpsg(6, Number(m[1]), false) ?? 0), name);
  if (/web[ _]?mercator|pseudo[ _-]?mercator|mercator_auxiliary_sphere/i.test(text)) return { crs: WEB_MERCATOR };
  if (/PROJECTION\["(Gauss_Kruger|Transverse_Mercator)"\]/i.test(text) && (cgcs || wgs)) {
    const lon0 = wktParameter(text, 'Central_Meridian');
    if (lon0 === undefined) return { problem: `defines ${name} without a central meridian` };
    const x0 = wktParameter(text, 'False_Easting') ?? 0;
    const y0 = wktParameter(text, 'False_Northing') ?? 0;
    const k = wktParameter(text, 'Scale_Factor') ?? 1;
    const lat0 = wktParameter(text, 'Latitude_Of_Origin') ?? 0;
    return {
      crs: {
        kind: 'projected',
        label: name.replace(/_/g, ' '),
        def: `+proj=tmerc +lat_0=${lat0} +lon_0=${lon0} +k=${k} +x_0=${x0} +y_0=${y0} +ellps=${cgcs ? 'GRS80' : 'WGS84'} +units=m +no_defs`,
      },
    };
  }
  return { problem: `names a projection GridWall cannot convert (${name})` };
}

function known(crs: SourceCrs | undefined, name: string): PrjReading {
  return crs ? { crs } : { problem: `names a zone outside China's CGCS2000 zones (${name})` };
}

/** A function from source coordinates to WGS84 [lon, lat]; call it once per position. */
export function converterTo84(crs: SourceCrs): (x: number, y: number) => [number, number] {
  if (crs.kind === 'geographic') {
    if (crs.datum === 'gcj02' || crs.datum === 'bd09') {
      const from = crs.datum;
      return (x, y) => [...toWgs84(x, y, from)];
    }
    return (x, y) => [x, y];
  }
  const p = proj4(crs.def, 'EPSG:4326');
  return (x, y) => p.forward([x, y]) as [number, number];
}

const ROUND = 1e8; // 1e-8° ≈ 1 mm: tidy output, and adjacent grids' shared vertices stay identical.

/**
 * Maps every [x, y] position of GeoJSON coordinates through `f`, rounded to ~1 mm (a third value, a
 * height, is dropped). Anything that is not a pair of finite numbers is left as it is, for the caller's checks.
 */
export function mapPositions(coordinates: unknown, f: (x: number, y: number) => [number, number]): unknown {
  if (!Array.isArray(coordinates)) return coordinates;
  if (coordinates.length >= 2 && typeof coordinates[0] === 'number') {
    const [x, y] = coordinates as number[];
    if (typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return coordinates;
    const [lon, lat] = f(x as number, y);
    return [Math.round(lon * ROUND) / ROUND, Math.round(lat * ROUND) / ROUND];
  }
  return coordinates.map((c: unknown) => mapPositions(c, f));
}
