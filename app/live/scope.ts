import Type, { type Static } from 'typebox';
import { CommunityCode, GridCodeText, streetOfCode, StreetCode, type PlaceTags } from '../place/place-codes';

/**
 * What part of the city a surface watches ("1 + 9 + N": the centre sees all, a street sub-centre its
 * streets). Nothing listed means the whole city; otherwise an item is in scope when its street, community
 * or grid is listed.
 */
export const LiveScope = Type.Object(
  {
    streets: Type.Optional(Type.Array(StreetCode, { minItems: 1, maxItems: 64 })),
    communities: Type.Optional(Type.Array(CommunityCode, { minItems: 1, maxItems: 256 })),
    grids: Type.Optional(Type.Array(GridCodeText, { minItems: 1, maxItems: 1024 })),
  },
  { additionalProperties: false },
);
export type LiveScope = Static<typeof LiveScope>;

export function isWholeCity(scope: LiveScope | undefined): boolean {
  return !scope?.streets?.length && !scope?.communities?.length && !scope?.grids?.length;
}

const sorted = (xs: readonly string[] | undefined) => [...new Set(xs ?? [])].sort().join(',');

/** A stable key: surfaces with the same scope can share one serialised message per tick. */
export function scopeKey(scope: LiveScope | undefined): string {
  if (isWholeCity(scope)) return '*';
  return `s:${sorted(scope?.streets)}|c:${sorted(scope?.communities)}|g:${sorted(scope?.grids)}`;
}

/** Whether something at `tags` is visible in `scope`. Things without a place are visible city-wide only. */
export function inScope(scope: LiveScope | undefined, tags: PlaceTags): boolean {
  if (isWholeCity(scope) || !scope) return true;
  if (tags.street !== undefined && scope.streets?.includes(tags.street)) return true;
  if (tags.community !== undefined && scope.communities?.includes(tags.community)) return true;
  if (tags.grid !== undefined && scope.grids?.includes(tags.grid)) return true;
  return false;
}

/**
 * Whether a surface asking for `requested` stays inside what its token allows. A whole-city token allows
 * anything; a street token allows its streets and any community or grid inside them.
 */
export function scopeWithin(requested: LiveScope | undefined, allowed: LiveScope | undefined): boolean {
  if (isWholeCity(allowed)) return true;
  if (isWholeCity(requested)) return false;
  const streets = new Set(allowed?.streets ?? []);
  const communities = new Set(allowed?.communities ?? []);
  const grids = new Set(allowed?.grids ?? []);
  const streetOk = (code: string) => streets.has(code);
  const communityOk = (code: string) => communities.has(code) || streetOk(streetOfCode(code));
  return (
    (requested?.streets ?? []).every(streetOk) &&
    (requested?.communities ?? []).every(communityOk) &&
    (requested?.grids ?? []).every((g) => grids.has(g) || communityOk(g.slice(0, 12)))
  );
}
