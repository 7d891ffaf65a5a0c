import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { PRECOMPILED } from 'virtual:gridwall/checks';

/**
 * A check for a schema the wall receives data in: compiled at build time when the build knew the schema
 * (scripts/precompiled-checks.ts: every channel and the live envelope), else interpreted, since the
 * wall's CSP forbids the eval TypeBox would compile with at run time. Both say the same; one is ~50× faster.
 */
export function wallCheck<S extends TSchema>(schema: S): (value: unknown) => value is Static<S> {
  const compiled = PRECOMPILED.get(JSON.stringify(schema));
  return (compiled ?? ((v: unknown) => Value.Check(schema, v))) as (value: unknown) => value is Static<S>;
}

/** Whether the build compiled a check for this schema (tests: the fast path must not silently go away). */
export const isPrecompiled = (schema: TSchema): boolean => PRECOMPILED.has(JSON.stringify(schema));
