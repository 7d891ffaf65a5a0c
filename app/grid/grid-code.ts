import Type from 'typebox';

/**
 * A unit grid's code (单元网格标识码, docs/domain.md "Places"): 15 digits = 6 county (GB/T 2260) + 3 street
 * + 3 community + 3 sequence, the sequence numbered west→east then north→south inside the community.
 * The first 12 digits are the community's statistical code; the first 9 then 000, the street's.
 */
export const GridCode = Type.String({ pattern: '^[0-9]{15}$' });

export interface GridCodeParts {
  /** 6 digits, e.g. 110107. */
  county: string;
  /** 3 digits within the county, e.g. 011. */
  street: string;
  /** 3 digits within the street. */
  community: string;
  /** 1…999 within the community. */
  seq: number;
}

const CODE = /^(\d{6})(\d{3})(\d{3})(\d{3})$/;

export function isGridCode(code: string): boolean {
  const m = CODE.exec(code);
  return m !== null && Number(m[4]) >= 1;
}

export function parseGridCode(code: string): GridCodeParts | undefined {
  const m = CODE.exec(code);
  if (!m || Number(m[4]) < 1) return undefined;
  return { county: m[1] as string, street: m[2] as string, community: m[3] as string, seq: Number(m[4]) };
}

export function formatGridCode(p: GridCodeParts): string {
  if (!/^\d{6}$/.test(p.county) || !/^\d{3}$/.test(p.street) || !/^\d{3}$/.test(p.community)) {
    throw new Error(`grid code parts must be 6 + 3 + 3 digits, got ${p.county}/${p.street}/${p.community}`);
  }
  if (!Number.isInteger(p.seq) || p.seq < 1 || p.seq > 999) throw new Error(`a grid sequence is 1…999, got ${p.seq}`);
  return `${p.county}${p.street}${p.community}${String(p.seq).padStart(3, '0')}`;
}

/** The 12-digit statistical code of the street a grid (or community) code lies in: 110107011002007 → 110107011000. */
export function streetOfGrid(code: string): string {
  return `${code.slice(0, 9)}000`;
}

/** The 12-digit statistical code of the community a grid lies in: 110107011002007 → 110107011002. */
export function communityOfGridCode(code: string): string {
  return code.slice(0, 12);
}

/** The most grids one community can number (3 digits). */
export const MAX_GRIDS_PER_COMMUNITY = 999;
