import { epsgCrs, gkEpsg, type SourceCrs } from './source-crs';

/**
 * Hints for a wrong or missing CRS, from the numbers themselves: Gauss–Krüger eastings either carry the
 * zone number in front (39 431 585 = zone 39) or are about 500 000 around the central meridian; Web
 * Mercator eastings over China are 8–15 million.
 */

/** A rough box around China with a margin: positions outside it after conversion mean the CRS is wrong. */
export function nearChina(lon: number, lat: number): boolean {
  return lon >= 70 && lon <= 140 && lat >= 0 && lat <= 56;
}

/** What metres (read as degrees) probably are: a CRS to suggest, or a range of them when the zone is unknown. */
export function guessProjected(x: number, y: number): { crs: SourceCrs } | { advice: string } | undefined {
  if (y < 0 || y > 6.5e6) return undefined;
  const zone = Math.floor(x / 1e6);
  if (zone >= 25 && zone <= 45) return { crs: epsgCrs(4513 + zone - 25) as SourceCrs };
  // Web Mercator eastings over China (73–136°E) overlap 6° zones 13–15; city data is far more often the former.
  if (x >= 8e6 && x <= 1.52e7 && y >= 3e5) return { crs: epsgCrs(3857) as SourceCrs };
  if (zone >= 13 && zone <= 23) return { crs: epsgCrs(4491 + zone - 13) as SourceCrs };
  if (x > 0 && x < 1e6 && y >= 1e6) {
    return { advice: 'they look like CGCS2000 Gauss–Krüger metres without a zone number: give --crs EPSG:4534–4554 for the 3° zone’s central meridian (e.g. EPSG:4548 for 117°E)' };
  }
  return undefined;
}

/** How to name a guess in a sentence: "they look like … — give --crs EPSG:4527". */
export function guessText(guess: { crs: SourceCrs } | { advice: string }): string {
  if ('advice' in guess) return guess.advice;
  const epsg = guess.crs.kind === 'projected' ? guess.crs.epsg : undefined;
  return `they look like ${guess.crs.label}: give --crs EPSG:${epsg ?? '…'}`;
}

/**
 * Whether an easting fits a Gauss–Krüger CRS's zone numbering; if not, the CRS it fits instead. A zone
 * number in front of an easting that the CRS does not expect (or the wrong one) is the usual wrong EPSG.
 */
export function eastingMismatch(crs: SourceCrs, x: number): { expected: string; suggest?: SourceCrs } | undefined {
  if (crs.kind !== 'projected' || !crs.gk) return undefined;
  const { width, centralMeridian, falseEasting } = crs.gk;
  const prefixed = falseEasting >= 1e6;
  const zoneOf = (cm: number) => (width === 3 ? cm / 3 : (cm + 3) / 6);
  if (prefixed) {
    const zone = zoneOf(centralMeridian);
    if (x >= 0 && x < 1e6) {
      return { expected: `eastings starting with its zone number ${zone}`, ...suggestion(gkEpsg(width, centralMeridian, false)) };
    }
    const got = Math.floor(x / 1e6);
    if (got === zone) return undefined;
    const cm = width === 3 ? got * 3 : got * 6 - 3;
    return { expected: `eastings starting with its zone number ${zone}, not ${got}`, ...suggestion(gkEpsg(width, cm, true)) };
  }
  if (x >= 1e7) {
    const got = Math.floor(x / 1e6);
    const cm = got >= 25 && got <= 45 ? got * 3 : got >= 13 && got <= 23 ? got * 6 - 3 : NaN;
    const w = got >= 25 ? 3 : 6;
    return { expected: 'eastings of about 500000 without a zone number', ...suggestion(Number.isNaN(cm) ? undefined : gkEpsg(w, cm, true)) };
  }
  return undefined;
}

function suggestion(epsg: number | undefined): { suggest?: SourceCrs } {
  const crs = epsg === undefined ? undefined : epsgCrs(epsg);
  return crs ? { suggest: crs } : {};
}
