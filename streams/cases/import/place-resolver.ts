import type { CityInfo } from '../../../app/city/city';
import { NearestPlaceLocator, type Locator } from '../../../app/city/place-locator';
import { insideRings } from '../../../app/grid/grid-locator';
import { communityOfGrid, streetOfCode, type PlaceTags } from '../../../app/place/place-codes';
import type { GridSet } from '../../grids/grid-set';

/** What an export says about where a case is (单元网格, 所属社区, 所属街道): codes or place names. */
export interface GivenPlace {
  grid?: string;
  community?: string;
  street?: string;
}

export type ResolvedPlace = PlaceTags & { outsideDistrict: boolean };

type Box = [number, number, number, number];

function boxOf(rings: number[][][]): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of rings[0] ?? []) {
    b[0] = Math.min(b[0], p[0] as number);
    b[1] = Math.min(b[1], p[1] as number);
    b[2] = Math.max(b[2], p[0] as number);
    b[3] = Math.max(b[3], p[1] as number);
  }
  return b;
}

/**
 * Where an imported case lies, as the hall would locate it (its grids, else the nearest place), with
 * `outsideDistrict` for points beyond the district outline. Codes the export gives win when they are valid
 * (a grid the hall has, a street or community of the district); a place name is looked up among the city's.
 */
export class PlaceResolver {
  private readonly locator: Locator;
  private readonly polygons: Array<{ box: Box; rings: number[][][] }>;
  private readonly streets = new Map<string, string>();
  private readonly communities = new Map<string, string>();

  constructor(
    private readonly city: CityInfo,
    private readonly grids?: GridSet,
  ) {
    this.locator = grids?.locator ?? new NearestPlaceLocator(city.places);
    this.polygons = city.outline.map((rings) => ({ box: boxOf(rings), rings }));
    for (const p of city.places) {
      const names = p.level === 'street' ? this.streets : this.communities;
      for (const key of [p.code, p.name, p.shortName]) names.set(key, p.code);
    }
  }

  inDistrict(lon: number, lat: number): boolean {
    return this.polygons.some(({ box, rings }) => lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3] && insideRings(rings, lon, lat));
  }

  private gridCode(text: string | undefined): string | undefined {
    if (!text || !/^\d{15}$/.test(text)) return undefined;
    if (this.grids) return this.grids.byCode.has(text) ? text : undefined;
    return text.startsWith(this.city.adcode) ? text : undefined;
  }

  private placeCode(text: string | undefined, known: ReadonlyMap<string, string>): string | undefined {
    if (!text) return undefined;
    const code = known.get(text);
    if (code) return code;
    // A district whose places do not list this level: any code of the district will do.
    return known.size === 0 && /^\d{12}$/.test(text) && text.startsWith(this.city.adcode) ? text : undefined;
  }

  resolve(lon: number, lat: number, given: GivenPlace = {}): ResolvedPlace {
    // A point in one of the hall's grids is in the district (grids are clipped to it): the outline test,
    // the slow part, is only for points the grids do not place.
    const found = this.locator.locate(lon, lat);
    const inside = found.grid !== undefined || this.inDistrict(lon, lat);
    const located: PlaceTags = inside ? found : {};
    // The most specific valid code given decides the levels above it; the locator fills in below, if it agrees.
    const grid = this.gridCode(given.grid);
    const community = grid ? communityOfGrid(grid) : this.placeCode(given.community, this.communities);
    const street = community ? streetOfCode(community) : this.placeCode(given.street, this.streets);
    const out: ResolvedPlace = { outsideDistrict: !inside };
    const g = grid ?? (located.grid && (!community || located.grid.startsWith(community)) && (!street || streetOfCode(located.grid) === street) ? located.grid : undefined);
    const c = community ?? (g ? communityOfGrid(g) : located.community && (!street || streetOfCode(located.community) === street) ? located.community : undefined);
    const s = street ?? (c ? streetOfCode(c) : located.street);
    if (g) out.grid = g;
    if (c) out.community = c;
    if (s) out.street = s;
    return out;
  }
}
