import type Flatbush from 'flatbush';
import type { LocalProjection } from '../../geo/local-projection';
import { communityOfGridCode } from '../grid-code';
import { ImportError } from './fields';
import { findGaps, type Gap } from './gaps';
import { findOverlaps, type PlanarGrid } from './overlaps';
import { boxOf, projectPolygons, toPlanar, type Box } from './planar';
import type { Polygons } from './polygon-check';
import { formatLngLat, formatM2, type Problem } from './problems';
import { interiorPoint, locateInCommunities, type Communities } from './reference-areas';
import type { UnionTree } from './union-tree';

/** The grids that passed the code and geometry checks, laid in one local metric projection. */
export interface SpatialContext {
  /** The grid file's name, for messages. */
  file: string;
  grids: ReadonlyArray<{ index: number; code: string }>;
  planar: readonly PlanarGrid[];
  index: Flatbush;
  tree: UnionTree;
  proj: LocalProjection;
  /** Records a problem (or, with `warning`, a finding `--strict` does not refuse). */
  report(p: Omit<Problem, 'leftOut'>, warning?: boolean): void;
}

const named = (ctx: SpatialContext, i: number) => `${ctx.grids[i]?.code} (feature ${ctx.grids[i]?.index})`;
const where = (ctx: SpatialContext, p: readonly [number, number]) => formatLngLat(ctx.proj.inverse(p[0], p[1]));
const about = (ctx: SpatialContext, ids: readonly number[]) => ({ features: ids.map((i) => ctx.grids[i]?.index as number), codes: ids.map((i) => ctx.grids[i]?.code as string) });

/** Overlaps above `minM2`, each with both codes, the area and where; the union tree rules out most pairs. */
export function checkOverlaps(ctx: SpatialContext, minM2: number): void {
  const { overlaps, unmeasured } = findOverlaps(ctx.planar, ctx.index, minM2, (a, b) => ctx.tree.mayOverlap(a, b, minM2));
  for (const o of overlaps) {
    const message = `${ctx.file}: grids ${named(ctx, o.a)} and ${named(ctx, o.b)} overlap by ${formatM2(o.areaM2)} m² around ${where(ctx, o.at)}: fix their shared edge.`;
    ctx.report({ kind: 'overlap', message, ...about(ctx, [o.a, o.b]) });
  }
  for (const [a, b] of unmeasured) {
    const message = `${ctx.file}: the overlap of grids ${named(ctx, a)} and ${named(ctx, b)} could not be measured (their edges nearly coincide): check their shared edge.`;
    // Unverified is not clean: listed as a problem, so --strict refuses it.
    ctx.report({ kind: 'overlap', message, ...about(ctx, [a, b]) });
  }
}

/** Gaps above `minM2` inside the district boundary (WGS84), each with its area, where, and the grids around it. */
export function checkGaps(ctx: SpatialContext, boundary: { file: string; polygons: Polygons }, minM2: number): void {
  const district = toPlanar(boundary.polygons, ctx.proj);
  checkNear(ctx, boxOf(district), boundary.file);
  for (const u of ctx.tree.unmerged) {
    const message = `${ctx.file}: feature ${ctx.grids[u]?.index} (${ctx.grids[u]?.code}) could not be merged with its neighbours (its edges nearly coincide with theirs), so gaps next to it were not checked: check its edges.`;
    ctx.report({ kind: 'gap', message, ...about(ctx, [u]) });
  }
  let gaps: Gap[];
  try {
    gaps = findGaps(district, ctx.tree.union, ctx.planar, ctx.index, minM2);
  } catch (err) {
    const message = `${ctx.file}: gaps inside ${boundary.file} could not be checked (${(err as Error).message}): check the boundary for spikes or repeated edges.`;
    ctx.report({ kind: 'gap', message, features: [], codes: [] });
    return;
  }
  for (const g of gaps) {
    const codes = g.neighbours.map((n) => ctx.grids[n]?.code as string);
    const next = codes.length ? `next to ${codes.slice(0, 6).join(', ')}${codes.length > 6 ? ` and ${codes.length - 6} more` : ''}` : 'no grid next to it';
    const message = `${ctx.file}: ${formatM2(g.areaM2)} m² around ${where(ctx, g.at)} inside ${boundary.file} is in no grid (${next}): extend those grids or add one.`;
    ctx.report({ kind: 'gap', message, ...about(ctx, g.neighbours) });
  }
}

/**
 * Whether each grid lies in the community its code names: with polygons, the one containing the grid's
 * interior point (a problem when it differs); with points, the nearest (only a warning: points are approximate).
 */
export function checkCommunities(ctx: SpatialContext, reference: { file: string; communities: Communities }): void {
  const { file: cfile, communities } = reference;
  const areas = communities.items.map((c) => projectPolygons(c.polygons ?? [[[c.point ?? [0, 0]]]], ctx.proj));
  checkNear(ctx, unionBox(areas.map(boxOf)), cfile);
  for (const f of locateInCommunities(ctx.planar.map((g) => interiorPoint(g.polygons)), communities, ctx.proj)) {
    const { index, code } = ctx.grids[f.grid] as { index: number; code: string };
    const expected = communityOfGridCode(code);
    const at = about(ctx, [f.grid]);
    if (!f.found) {
      ctx.report({ kind: 'community', message: `${ctx.file}: feature ${index} (${code}) lies in no community of ${cfile}: check its position, or the communities file.`, ...at });
    } else if (f.found.code !== expected) {
      const community = `community ${f.found.code}${f.found.name ? ` ${f.found.name}` : ''}`;
      if (communities.kind === 'polygons') {
        ctx.report({ kind: 'community', message: `${ctx.file}: feature ${index} (${code}) lies in ${community} of ${cfile}, but its code says ${expected}: renumber it or fix its boundary.`, ...at });
      } else {
        const d = Math.round(f.distanceM ?? 0);
        const message = `${ctx.file}: feature ${index} (${code}) is nearest to ${community} (${d} m away) in ${cfile}, not ${expected}: check its code (community points give only an approximate check).`;
        ctx.report({ kind: 'community', message, ...at }, true);
      }
    }
  }
}

export function unionBox(boxes: readonly Box[]): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const x of boxes) {
    b[0] = Math.min(b[0], x[0]);
    b[1] = Math.min(b[1], x[1]);
    b[2] = Math.max(b[2], x[2]);
    b[3] = Math.max(b[3], x[3]);
  }
  return b;
}

/** Grids nowhere near a reference file: one of the two is in another CRS. */
function checkNear(ctx: SpatialContext, other: Box, otherFile: string): void {
  const grids = unionBox(ctx.planar.map((g) => g.box));
  if (grids[0] <= other[2] && other[0] <= grids[2] && grids[1] <= other[3] && other[1] <= grids[3]) return;
  const km = Math.hypot((grids[0] + grids[2] - other[0] - other[2]) / 2, (grids[1] + grids[3] - other[1] - other[3]) / 2) / 1000;
  throw new ImportError(`lies ${km.toFixed(1)} km from ${otherFile}, without touching it: one of the two is in another CRS — check --crs (and each file's .prj or "crs").`);
}
