import type { ExpressionSpecification } from 'maplibre-gl';

/**
 * What the grid map shows at which zoom (网格监管一张图, from the district down to a grid): street areas
 * and names at the district view, community areas and names closer, unit grid outlines from ~13, their
 * codes (last 3 digits, the sequence inside the community) from ~15, the full 15-digit code at the
 * closest zoom. The thresholds are for a 1080-line screen; a 2160-line wall draws everything twice as
 * big, so it reaches the same apparent size one zoom level later.
 */
export interface ZoomRules {
  /** Street names show up to here (closer in, the community names take over). */
  streetLabelsUntil: number;
  communityLinesFrom: number;
  communityLabelsFrom: number;
  communityLabelsUntil: number;
  gridLinesFrom: number;
  gridCodesFrom: number;
  fullCodesFrom: number;
}

export const ZOOMS_AT_1080: ZoomRules = {
  streetLabelsUntil: 15,
  communityLinesFrom: 12.5,
  communityLabelsFrom: 13,
  communityLabelsUntil: 18,
  gridLinesFrom: 13,
  gridCodesFrom: 15,
  fullCodesFrom: 17,
};

/** The rules for a wall drawn at `uiScale` (1 at 1080 lines, 2 at 2160). */
export function zoomRules(uiScale: number): ZoomRules {
  const shift = Math.log2(Math.max(0.5, uiScale));
  const r = { ...ZOOMS_AT_1080 };
  for (const k of Object.keys(r) as Array<keyof ZoomRules>) r[k] = Math.round((r[k] + shift) * 100) / 100;
  return r;
}

/** The label a grid shows at a zoom: nothing, its 3-digit sequence, or its full code. */
export function gridCodeLabel(code: string, zoom: number, r: ZoomRules): string {
  if (zoom < r.gridCodesFrom) return '';
  return zoom >= r.fullCodesFrom ? code : code.slice(12);
}

/** The same rule as a maplibre expression (for the symbol layer that draws it, with collision). */
export function gridCodeExpression(r: ZoomRules): ExpressionSpecification {
  return ['step', ['zoom'], ['slice', ['get', 'code'], 12], r.fullCodesFrom, ['get', 'code']];
}
