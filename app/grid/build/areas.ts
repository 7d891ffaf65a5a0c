import { shortPlaceName } from '../../city/city';
import * as clip from './clip';
import { streetOfCode } from '../../place/place-codes';
import { inDistrict, projectPolygon, type DistrictCells } from './district-cells';
import { boxOf, ringsOf, type Box, type MultiPolygon, type Pair } from './planar';
import { FeatureProblem, type Place } from './places';
import { voronoiRings } from './voronoi-owner';

/** What grids are numbered in: a community, or a street standing as its own community (code …000). */
export interface Area {
  street: string;
  community: string;
  streetName?: string;
  communityName?: string;
  /** Its boundary was derived from centre points (or cut by them), not given. */
  approximate: boolean;
  /** For messages: the place it came from. */
  place?: Place;
}

/** How the district is divided into areas: given polygons, Voronoi cells of centre points, or synthetic blocks. */
export type Partition =
  | { kind: 'polygons'; areas: Area[]; polygons: MultiPolygon[] }
  | { kind: 'voronoi'; areas: Area[]; seeds: Pair[] }
  | { kind: 'blocks' };

export function describePlace(p: Place): string {
  return `${p.file} feature ${p.index} (${p.code}${p.name ? ` ${p.name}` : ''})`;
}

const byCode = (a: Place, b: Place) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * Chooses the partition from what was given. Communities nest in streets (a community's street is its
 * code's first 9 digits + 000):
 * - community areas: they are the areas (street areas, if any, only name the streets);
 * - community points in street areas: each street is cut among its communities by their Voronoi cells;
 * - community points otherwise: Voronoi cells over the district (a street is the union of its communities);
 *   a street point counts as one more seed only for a street none of whose communities is given;
 * - streets only: each street is one area; nothing: synthetic blocks.
 * Places outside the district are ignored with a note; if none is left, that is an error.
 */
export function partitionOf(d: DistrictCells, places: readonly Place[], notes: string[]): Partition {
  if (places.length === 0) return { kind: 'blocks' };
  const project = (p: Pair): Pair => d.projection.forward(p[0], p[1]);
  const dBox = boxOf(ringsOf(d.polygon));
  const inside = (p: Place): boolean => {
    const ok = p.point ? inDistrict(d, ...project(p.point)) : overlaps(boxOf(ringsOf(projectPolygon(d.projection, p.polygon!))), dBox);
    if (!ok) notes.push(`${describePlace(p)} lies outside the district: ignored.`);
    return ok;
  };
  const kept = places.filter(inside).sort(byCode);
  if (kept.length === 0) {
    const first = places[0]!;
    throw new FeatureProblem(
      first.file,
      `none of the ${places.length} places given lies in the district: check --code and the files, and that coordinates are WGS84 (not GCJ-02 or BD-09).`,
    );
  }
  // Names as the wall shows them: 八宝山街道办事处 → 八宝山街道, 玉泉路西社区居委会 → 玉泉路西社区.
  const streetNames = new Map(places.filter((p) => p.level === 'street' && p.name).map((p) => [p.code, shortPlaceName(p.name!)]));
  const areaOf = (p: Place, approximate: boolean): Area => {
    const street = streetOfCode(p.code);
    const streetName = streetNames.get(street);
    return {
      street,
      community: p.code,
      ...(streetName ? { streetName } : {}),
      ...(p.level === 'community' && p.name ? { communityName: shortPlaceName(p.name) } : {}),
      approximate,
      place: p,
    };
  };
  const streets = kept.filter((p) => p.level === 'street');
  const communities = kept.filter((p) => p.level === 'community');

  if (communities.some((p) => p.polygon)) {
    return { kind: 'polygons', areas: communities.map((p) => areaOf(p, false)), polygons: communities.map((p) => projectPolygon(d.projection, p.polygon!)) };
  }
  if (communities.length > 0 && streets.some((p) => p.polygon)) return cutStreets(d, streets, communities, areaOf, notes);
  if (communities.length > 0) {
    const covered = new Set(communities.map((p) => streetOfCode(p.code)));
    const seeds = [...communities, ...streets.filter((s) => !covered.has(s.code))].sort(byCode);
    return voronoi(seeds.map((p) => ({ area: areaOf(p, true), at: project(p.point!) })), notes);
  }
  if (streets.some((p) => p.polygon)) {
    return { kind: 'polygons', areas: streets.map((p) => areaOf(p, false)), polygons: streets.map((p) => projectPolygon(d.projection, p.polygon!)) };
  }
  return voronoi(streets.map((p) => ({ area: areaOf(p, true), at: project(p.point!) })), notes);
}

function overlaps(a: Box, b: Box): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** Voronoi seeds, one per position: a place at the very position of another is ignored with a note. */
function voronoi(seeds: Array<{ area: Area; at: Pair }>, notes: string[]): Partition {
  const seen = new Map<string, Area>();
  const kept = seeds.filter((s) => {
    const key = `${s.at[0]},${s.at[1]}`;
    const prior = seen.get(key);
    if (prior) notes.push(`${describePlace(s.area.place!)} has the same position as ${prior.community}: ignored.`);
    else seen.set(key, s.area);
    return !prior;
  });
  return { kind: 'voronoi', areas: kept.map((s) => s.area), seeds: kept.map((s) => s.at) };
}

/** Street areas cut among their communities' points (Voronoi within each street); a street without any stays whole. */
function cutStreets(
  d: DistrictCells,
  streets: Place[],
  communities: Place[],
  areaOf: (p: Place, approximate: boolean) => Area,
  notes: string[],
): Partition {
  const areas: Area[] = [];
  const polygons: MultiPolygon[] = [];
  const project = (p: Pair): Pair => d.projection.forward(p[0], p[1]);
  const withArea = new Set(streets.filter((s) => s.polygon).map((s) => s.code));
  for (const c of communities) {
    if (!withArea.has(streetOfCode(c.code))) notes.push(`${describePlace(c)}: its street ${streetOfCode(c.code)} has no area among the streets given: ignored.`);
  }
  for (const street of streets) {
    if (!street.polygon) continue;
    const polygon = projectPolygon(d.projection, street.polygon);
    const own = communities.filter((c) => streetOfCode(c.code) === street.code);
    if (own.length <= 1) {
      areas.push(areaOf(own[0] ?? street, own.length === 1));
      polygons.push(polygon);
      continue;
    }
    const seeds = own.map((c) => project(c.point!));
    const b = boxOf([...ringsOf(polygon), seeds]);
    const pad = Math.max(b[2] - b[0], b[3] - b[1]);
    const rings = voronoiRings(seeds, [b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad]);
    own.forEach((c, i) => {
      const ring = rings[i];
      const piece = ring ? clip.intersection(polygon, [ring]) : [];
      if (piece.length === 0) {
        notes.push(`${describePlace(c)} ${ring ? 'gets no area in its street' : 'has the same position as another community'}: ignored.`);
        return;
      }
      areas.push(areaOf(c, true));
      polygons.push(piece);
    });
  }
  // Areas in community-code order, as everywhere else.
  const order = areas.map((_, i) => i).sort((i, j) => (areas[i]!.community < areas[j]!.community ? -1 : 1));
  return { kind: 'polygons', areas: order.map((i) => areas[i]!), polygons: order.map((i) => polygons[i]!) };
}
