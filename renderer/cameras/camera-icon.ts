/** The camera glyph's place in its atlas (one icon, drawn white and tinted by state: `mask`). */
export const CAMERA_ICON = { x: 0, y: 0, width: 64, height: 64, anchorY: 32, mask: true } as const;

let atlas: HTMLCanvasElement | undefined;

/**
 * The camera icon, drawn once on a canvas. Not an image URL: the wall's CSP lets deck.gl fetch nothing
 * but the hall, and a canvas needs no fetch at all.
 */
export function cameraIconAtlas(): HTMLCanvasElement {
  if (atlas) return atlas;
  const c = document.createElement('canvas');
  c.width = 64;
  c.height = 64;
  const g = c.getContext('2d');
  if (g) {
    g.fillStyle = '#fff';
    g.strokeStyle = '#fff';
    // A round badge, so the glyph reads on any ground…
    g.globalAlpha = 0.28;
    g.beginPath();
    g.arc(32, 32, 30, 0, Math.PI * 2);
    g.fill();
    g.globalAlpha = 1;
    g.lineWidth = 4;
    g.beginPath();
    g.arc(32, 32, 28, 0, Math.PI * 2);
    g.stroke();
    // …and a camera in it: body and lens.
    g.beginPath();
    g.roundRect(14, 22, 26, 20, 4);
    g.fill();
    g.beginPath();
    g.moveTo(40, 32);
    g.lineTo(51, 24);
    g.lineTo(51, 40);
    g.closePath();
    g.fill();
  }
  atlas = c;
  return c;
}
