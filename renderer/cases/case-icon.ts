/** The case glyph's place in its atlas: a diamond, drawn white and tinted per case (`mask`). */
export const CASE_ICON = { x: 0, y: 0, width: 64, height: 64, anchorY: 32, mask: true } as const;

let atlas: HTMLCanvasElement | undefined;

/**
 * A diamond, drawn once on a canvas (the wall's CSP lets deck.gl fetch nothing but the hall). A diamond,
 * not a dot: patrols are dots and reports rings, so a case reads as a case from across the hall.
 */
export function caseIconAtlas(): HTMLCanvasElement {
  if (atlas) return atlas;
  const c = document.createElement('canvas');
  c.width = 64;
  c.height = 64;
  const g = c.getContext('2d');
  if (g) {
    g.fillStyle = '#fff';
    g.beginPath();
    g.moveTo(32, 2);
    g.lineTo(62, 32);
    g.lineTo(32, 62);
    g.lineTo(2, 32);
    g.closePath();
    g.fill();
  }
  atlas = c;
  return c;
}
