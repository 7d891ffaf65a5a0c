import Type, { type Static } from 'typebox';
import { StreetCode } from '../patrol/patrol';

/**
 * What part of the city a surface watches ("1 + 9 + N": the centre sees all, a street sub-centre its
 * street). No streets means the whole city.
 */
export const LiveScope = Type.Object(
  { streets: Type.Optional(Type.Array(StreetCode, { minItems: 1, maxItems: 32 })) },
  { additionalProperties: false },
);
export type LiveScope = Static<typeof LiveScope>;

export function isWholeCity(scope: LiveScope | undefined): boolean {
  return !scope?.streets?.length;
}

/** A stable key: surfaces with the same scope share one serialised message per tick. */
export function scopeKey(scope: LiveScope | undefined): string {
  return isWholeCity(scope) ? '*' : [...new Set(scope?.streets)].sort().join(',');
}

/** Whether something located in `street` is visible in `scope`. Things without a street are city-wide only. */
export function inScope(scope: LiveScope | undefined, street: string | undefined): boolean {
  if (isWholeCity(scope)) return true;
  return street !== undefined && (scope?.streets?.includes(street) ?? false);
}
