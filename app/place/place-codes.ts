import Type, { type Static } from 'typebox';

/**
 * Codes that say where something is (docs/domain.md, "Places"). Streets (街道/镇) and communities (社区/村)
 * use the 12-digit statistical division code (统计用区划代码): 6 county + 3 street + 3 community, so a
 * street's own code ends in 000. A unit grid's code (单元网格标识码) is 15 digits: the community's 12 plus a
 * 3-digit sequence. So every code names the street (and a grid its community) it lies in.
 */
export const StreetCode = Type.String({ pattern: '^[0-9]{12}$' });
export const CommunityCode = Type.String({ pattern: '^[0-9]{12}$' });
export const GridCodeText = Type.String({ pattern: '^[0-9]{15}$' });

/** Where a live item is, for scoping what a surface receives. All optional: not everything is located. */
export const PlaceTags = Type.Object({
  street: Type.Optional(StreetCode),
  community: Type.Optional(CommunityCode),
  grid: Type.Optional(GridCodeText),
});
export type PlaceTags = Static<typeof PlaceTags>;

/** The street a community or grid code belongs to (its first 9 digits, then 000). */
export function streetOfCode(code: string): string {
  return `${code.slice(0, 9)}000`;
}

/** The community a grid code belongs to (its first 12 digits). */
export function communityOfGrid(grid: string): string {
  return grid.slice(0, 12);
}
