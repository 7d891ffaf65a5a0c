import type { LatticeSpec, UnitGridFeature } from '../unit-grid';
import { describePlace, partitionOf, type Area } from './areas';
import { ownByBlocks } from './block-owner';
import { baseArea, SPLIT, type CellOwners } from './cell-owners';
import { layDistrict } from './district-cells';
import { gridFeatures } from './grid-features';
import { LineVertices } from './line-vertices';
import { numberGrids } from './numbering';
import type { MultiPolygon } from './planar';
import { FeatureProblem, type Place } from './places';
import { ownByPolygons } from './polygon-owner';
import { ownByVoronoi } from './voronoi-owner';

export interface BuildInput {
  /** 6-digit county code every grid code starts with. */
  adcode: string;
  cellSize: number;
  /** The district, WGS84 lon/lat. */
  boundary: MultiPolygon;
  /** Streets and communities (checked: see places.ts), WGS84. */
  places: readonly Place[];
}

export interface CoarsenedArea {
  community: string;
  name?: string;
  /** Blocks of factor × factor cells. */
  factor: number;
  grids: number;
}

export interface BuildSummary {
  grids: number;
  /** Areas numbered as communities: real communities, streets standing as their own (…000), or blocks. */
  communities: number;
  /** Of those, streets with no community given, numbered as one area each. */
  streetAreas: number;
  streets: number;
  /** How areas were formed: given polygons, Voronoi cells of centre points, or synthetic blocks. */
  partition: 'polygons' | 'voronoi' | 'blocks';
  /** Side of a synthetic block (m), when the partition is blocks. */
  blockM?: number;
  coarsened: CoarsenedArea[];
  /** District and grid areas (m², planar in the lattice's projection): they agree. */
  districtM2: number;
  gridsM2: number;
  slivers: { count: number; areaM2: number };
  /** District area outside every given polygon, given to the nearest area (m²). */
  gapM2: number;
  /** District area two given polygons both claimed, kept by the lower code (m²). */
  overlapM2: number;
  /** Places ignored and why, one sentence each. */
  notes: string[];
}

export interface BuiltGrids {
  adcode: string;
  lattice: LatticeSpec;
  summary: BuildSummary;
  /** The grids, WGS84, in community-code then sequence order; generated as they are read. */
  features(): Generator<UnitGridFeature>;
}

/** Blocks are numbered as communities of a street that does not exist (000). */
function blockAreas(adcode: string, n: number): Area[] {
  return Array.from({ length: n }, (_, i) => ({ street: `${adcode}000000`, community: `${adcode}000${String(i + 1).padStart(3, '0')}`, approximate: true }));
}

/**
 * Builds the unit grids (万米单元网格) of a district: lattice, clipping, areas, numbering. Everything but
 * writing the features out happens here; `features()` converts them to WGS84 one by one.
 */
export function buildGrids(input: BuildInput): BuiltGrids {
  const d = layDistrict(input.boundary, input.cellSize);
  const notes: string[] = [];
  const partition = partitionOf(d, input.places, notes);
  let areas: Area[];
  let owners: CellOwners;
  let blockM: number | undefined;
  if (partition.kind === 'blocks') {
    const b = ownByBlocks(d);
    owners = b.owners;
    areas = blockAreas(input.adcode, b.blocks);
    blockM = b.blockCells * input.cellSize;
  } else {
    areas = partition.areas;
    owners = partition.kind === 'voronoi' ? ownByVoronoi(d, partition.seeds) : ownByPolygons(d, partition.polygons);
  }
  const numbered = numberGrids(owners, d.lattice.cols, areas.length);

  const used = areas.map((_, a) => numbered[a]!.cells.length > 0);
  areas.forEach((area, a) => {
    if (!used[a] && area.place) notes.push(`${describePlace(area.place)} has no area in the district: ignored.`);
  });
  if (!used.some(Boolean)) {
    const first = input.places[0]!;
    throw new FeatureProblem(first.file, `none of the places given covers any of the district: check --code and the files.`);
  }

  const lines = new LineVertices(d.lattice);
  let gridsM2 = 0;
  for (let cell = 0; cell < owners.owner.length; cell++) {
    const w = owners.owner[cell]!;
    if (w >= 0) gridsM2 += baseArea(d, cell);
    else if (w === SPLIT) for (const p of owners.split.get(cell)!) gridsM2 += p.areaM2;
  }
  for (const piece of d.pieces.values()) lines.add(piece);
  for (const parts of owners.split.values()) for (const p of parts) lines.add(p.piece);
  lines.finish();

  let grids = 0;
  const coarsened: CoarsenedArea[] = [];
  const streets = new Set<string>();
  areas.forEach((area, a) => {
    const n = numbered[a]!;
    if (n.cells.length === 0) return;
    grids += n.cells.length;
    streets.add(area.street);
    const name = area.communityName ?? area.streetName;
    if (n.factor > 1) coarsened.push({ community: area.community, ...(name ? { name } : {}), factor: n.factor, grids: n.cells.length });
  });

  return {
    adcode: input.adcode,
    lattice: d.lattice,
    summary: {
      grids,
      communities: used.filter(Boolean).length,
      streetAreas: areas.filter((a, i) => used[i] && a.community === a.street).length,
      streets: streets.size,
      partition: partition.kind,
      ...(blockM ? { blockM } : {}),
      coarsened,
      districtM2: d.areaM2,
      gridsM2,
      slivers: owners.slivers,
      gapM2: owners.gapM2,
      overlapM2: owners.overlapM2,
      notes,
    },
    features: () => gridFeatures(d, owners, areas, numbered, lines),
  };
}
