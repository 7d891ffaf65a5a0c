import { canvasIconAtlas, ICON_64 } from '../map/icon-atlas';

/** The case glyph's place in its atlas: a diamond, drawn white and tinted per case (`mask`). */
export const CASE_ICON = ICON_64;

/**
 * A diamond, drawn once on a canvas (the wall's CSP lets deck.gl fetch nothing but the hall). A diamond,
 * not a dot: patrols are dots and reports rings, so a case reads as a case from across the hall.
 */
export const caseIconAtlas = canvasIconAtlas((g) => {
  g.beginPath();
  g.moveTo(32, 2);
  g.lineTo(62, 32);
  g.lineTo(32, 62);
  g.lineTo(2, 32);
  g.closePath();
  g.fill();
});
