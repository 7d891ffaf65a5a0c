import { localTransverseMercator } from '../../geo/local-projection';
import { communityOfGridCode, isGridCode, streetOfGrid } from '../grid-code';
import type { UnitGridCollection, UnitGridFeature } from '../unit-grid';
import { codeText, commonPrefix, malformedReason, nameFields, nameValue, resolveField } from './fields';
import { indexGrids, type PlanarGrid } from './overlaps';
import { areaOf, boxOf, toPlanar, type Box } from './planar';
import { checkPolygon, type Polygons } from './polygon-check';
import type { Problem } from './problems';
import type { Communities, SourceFeature } from './reference-areas';
import { checkCommunities, checkGaps, checkOverlaps, unionBox, type SpatialContext } from './spatial-checks';
import { buildUnionTree } from './union-tree';

export interface ImportOptions {
  /** The grid file's name, for messages. */
  file: string;
  codeField: string;
  /** 6 digits; else the most common prefix of the codes. */
  district?: string;
  /** The district's boundary (WGS84), to find gaps. */
  boundary?: { file: string; polygons: Polygons };
  communities?: { file: string; communities: Communities };
  overlapMinM2?: number;
  gapMinM2?: number;
}

export interface ImportReport {
  collection: UnitGridCollection;
  /** The column the codes were read from (as spelt in the file). */
  codeField: string;
  district: { code: string; inferred: boolean; count: number; total: number };
  /** Everything `--strict` refuses; features with a code or geometry problem are left out. */
  problems: Problem[];
  /** Approximate findings (the nearest community point), listed but never refused. */
  warnings: Problem[];
  read: number;
  leftOut: number;
}

interface Kept {
  feature: SourceFeature;
  code: string;
  polygons: Polygons;
}

const GEOMETRY_FIX = {
  'empty-geometry': 'give it a polygon or remove the feature',
  'not-polygon': 'unit grids must be polygons',
  'unclosed-ring': 'close the ring',
  'short-ring': 'fix or remove that ring',
  'self-intersection': 'redraw its boundary so no edges cross',
} as const;

/**
 * Imports a city's own unit grids (already in WGS84): checks codes (15 digits, unique, in the district),
 * geometry, overlaps, gaps inside the district boundary and, when given, the communities the grids lie in.
 * Grids with a bad code or geometry are left out; every problem is listed.
 */
export function importGrids(features: readonly SourceFeature[], opts: ImportOptions): ImportReport {
  const { file } = opts;
  const field = resolveField(features, opts.codeField);
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const problem = (p: Omit<Problem, 'leftOut'>, leftOut = true) => problems.push({ ...p, leftOut });

  // Codes and geometry, feature by feature.
  const candidates: Kept[] = [];
  for (const f of features) {
    const code = codeText(f.properties[field]);
    const label = code && isGridCode(code) ? `feature ${f.index} (${code})` : `feature ${f.index}`;
    let ok = true;
    if (code === undefined) {
      problem({ kind: 'missing-code', message: `${file}: feature ${f.index} has no value in "${field}": give it its 15-digit grid code.`, features: [f.index], codes: [] });
      ok = false;
    } else if (!isGridCode(code)) {
      const message = `${file}: feature ${f.index} has code "${code}", ${malformedReason(code)}: give it a 15-digit grid code (its community's 12 digits, then 001–999).`;
      problem({ kind: 'malformed-code', message, features: [f.index], codes: [code] });
      ok = false;
    }
    const checked = checkPolygon(f.geometry);
    if (!checked.ok) {
      const message = `${file}: ${label} ${checked.detail}: ${GEOMETRY_FIX[checked.kind]}.`;
      problem({ kind: checked.kind, message, features: [f.index], codes: code && isGridCode(code) ? [code] : [] });
      ok = false;
    }
    if (ok && code && checked.ok) candidates.push({ feature: f, code, polygons: checked.polygons });
  }

  // The district, then unique codes within it.
  const prefix = commonPrefix(candidates.map((c) => c.code));
  // No candidate at all: nothing to infer a district from, and nothing will be kept.
  const district = opts.district ?? prefix?.prefix ?? '';
  const seen = new Map<string, number>();
  const kept: Kept[] = [];
  for (const c of candidates) {
    const i = c.feature.index;
    if (!c.code.startsWith(district)) {
      const hint = opts.district ? `or give --district ${c.code.slice(0, 6)} to import that district` : 'or give --district if this is the district to import';
      problem({ kind: 'other-district', message: `${file}: feature ${i} (${c.code}) is not in district ${district}: fix its code, ${hint}.`, features: [i], codes: [c.code] });
      continue;
    }
    const first = seen.get(c.code);
    if (first !== undefined) {
      const message = `${file}: feature ${i} has code ${c.code}, already used by feature ${first}: give one of them another code (only feature ${first} was imported).`;
      problem({ kind: 'duplicate-code', message, features: [first, i], codes: [c.code] });
      continue;
    }
    seen.set(c.code, i);
    kept.push(c);
  }
  const inDistrict = candidates.filter((c) => c.code.startsWith(district)).length;

  // Everything spatial happens in one local metric projection centred on the set.
  const proj = localTransverseMercator(centreOf(kept.map((k) => boxOf(k.polygons))));
  const planar: PlanarGrid[] = kept.map((k) => {
    const polygons = toPlanar(k.polygons, proj);
    return { polygons, box: boxOf(polygons) };
  });
  if (kept.length) {
    const ctx: SpatialContext = {
      file,
      grids: kept.map((k) => ({ index: k.feature.index, code: k.code })),
      planar,
      index: indexGrids(planar),
      tree: buildUnionTree(planar),
      proj,
      report: (p, warning) => (warning ? warnings.push({ ...p, leftOut: false }) : problem(p, false)),
    };
    checkOverlaps(ctx, opts.overlapMinM2 ?? 1);
    if (opts.boundary) checkGaps(ctx, opts.boundary, opts.gapMinM2 ?? 100);
    if (opts.communities) checkCommunities(ctx, opts.communities);
  }

  const communityNames = new Map<string, string>();
  for (const c of opts.communities?.communities.items ?? []) if (c.name && !communityNames.has(c.code)) communityNames.set(c.code, c.name);
  const names = nameFields(features);
  const out: UnitGridFeature[] = kept.map((k, i) => {
    const props = k.feature.properties;
    const streetName = names.street ? nameValue(props[names.street]) : undefined;
    const communityName = (names.community ? nameValue(props[names.community]) : undefined) ?? communityNames.get(communityOfGridCode(k.code));
    const polygons = k.polygons;
    return {
      type: 'Feature',
      properties: {
        code: k.code,
        street: streetOfGrid(k.code),
        community: communityOfGridCode(k.code),
        ...(streetName ? { streetName } : {}),
        ...(communityName ? { communityName } : {}),
        areaM2: Math.round(areaOf((planar[i] as PlanarGrid).polygons) * 100) / 100,
        approximate: false,
      },
      geometry: polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] as Polygons[number] } : { type: 'MultiPolygon', coordinates: polygons },
    };
  });

  return {
    collection: { type: 'FeatureCollection', ...(district ? { adcode: district } : {}), features: out },
    codeField: field,
    district: { code: district, inferred: !opts.district, count: inDistrict, total: candidates.length },
    problems,
    warnings,
    read: features.length,
    leftOut: features.length - kept.length,
  };
}

function centreOf(boxes: readonly Box[]): [number, number] {
  const b = unionBox(boxes);
  return Number.isFinite(b[0]) ? [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] : [0, 0];
}
