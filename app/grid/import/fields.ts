/**
 * Reading a city's attribute table: which column holds the codes, the codes themselves (text or, from a
 * .dbf, numbers), and name columns GridWall can recognise. Modest on purpose: a name is taken only from a
 * column whose name plainly says what it is.
 */

/** A problem with the input as a whole: the caller names the file. */
export class ImportError extends Error {
  override name = 'ImportError';
}

/**
 * The property key holding `wanted`: exactly, else the one key that matches ignoring case (.dbf columns are
 * often upper case). Refuses when no feature has it, listing the columns there are.
 */
export function resolveField(features: ReadonlyArray<{ properties: Record<string, unknown> }>, wanted: string, option = '--code-field'): string {
  const keys = new Set<string>();
  for (const f of features) for (const k of Object.keys(f.properties)) keys.add(k);
  if (keys.has(wanted)) return wanted;
  const alike = [...keys].filter((k) => k.toLowerCase() === wanted.toLowerCase());
  if (alike.length === 1) return alike[0] as string;
  const list = [...keys].slice(0, 12).join(', ') + (keys.size > 12 ? ', …' : '');
  throw new ImportError(keys.size ? `no feature has a field "${wanted}" (its fields are ${list}): give ${option} one of them.` : `has no attribute fields, so there are no codes to read for ${option} "${wanted}".`);
}

/** A code as text: strings trimmed; whole numbers written out (a .dbf numeric column holds 15 digits exactly). */
export function codeText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'bigint') return value.toString();
  return undefined;
}

/** Why a code is not a unit grid code, to complete "has code X, …". */
export function malformedReason(code: string): string {
  if (!/^\d+$/.test(code)) return 'which is not all digits';
  if (code.length !== 15) return `which has ${code.length} digits, not 15 (community 12 + sequence 3)`;
  return 'whose sequence is 000 (grids are numbered from 001)';
}

/** The most common 6-digit prefix and how many codes carry it; ties go to the smaller code (stable). */
export function commonPrefix(codes: Iterable<string>): { prefix: string; count: number; total: number } | undefined {
  const counts = new Map<string, number>();
  let total = 0;
  for (const c of codes) {
    counts.set(c.slice(0, 6), (counts.get(c.slice(0, 6)) ?? 0) + 1);
    total++;
  }
  let best: { prefix: string; count: number } | undefined;
  for (const [prefix, count] of counts) {
    if (!best || count > best.count || (count === best.count && prefix < best.prefix)) best = { prefix, count };
  }
  return best && { ...best, total };
}

const STREET_NAME_FIELDS = ['streetname', 'street_name', 'street', 'jdmc', 'jd_mc', 'jiedao', '街道', '街道名称', '街道名', '所属街道', '乡镇', '乡镇街道', '镇街', '街乡'];
const COMMUNITY_NAME_FIELDS = ['communityname', 'community_name', 'community', 'sqmc', 'sq_mc', 'shequ', '社区', '社区名称', '社区名', '所属社区', '村居', '社区村', '村社区'];
const PLACE_NAME_FIELDS = ['name', 'mc', '名称', ...COMMUNITY_NAME_FIELDS];

function findKey(keys: Iterable<string>, names: readonly string[]): string | undefined {
  const byLower = new Map<string, string>();
  for (const k of keys) byLower.set(k.trim().toLowerCase(), k);
  for (const n of names) {
    const k = byLower.get(n);
    if (k !== undefined) return k;
  }
  return undefined;
}

/** A usable place name: text, not a code, not too long for the wall. */
export function nameValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  return v && v.length <= 64 && !/^[\d\s.-]+$/.test(v) ? v : undefined;
}

/** Street and community name columns of a grid file, if any are recognisable. */
export function nameFields(features: ReadonlyArray<{ properties: Record<string, unknown> }>): { street?: string; community?: string } {
  const keys = new Set<string>();
  for (const f of features.slice(0, 200)) for (const k of Object.keys(f.properties)) keys.add(k);
  const street = findKey(keys, STREET_NAME_FIELDS);
  const community = findKey(keys, COMMUNITY_NAME_FIELDS);
  return { ...(street ? { street } : {}), ...(community ? { community } : {}) };
}

/** The name column of a community file. */
export function placeNameField(keys: Iterable<string>): string | undefined {
  return findKey(keys, PLACE_NAME_FIELDS);
}
