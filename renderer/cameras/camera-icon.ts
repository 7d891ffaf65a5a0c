import { canvasIconAtlas, ICON_64 } from '../map/icon-atlas';

/** The camera glyph's place in its atlas (one icon, drawn white and tinted by state: `mask`). */
export const CAMERA_ICON = ICON_64;

/**
 * The camera icon, drawn once on a canvas. Not an image URL: the wall's CSP lets deck.gl fetch nothing
 * but the hall, and a canvas needs no fetch at all.
 */
export const cameraIconAtlas = canvasIconAtlas((g) => {
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
});
