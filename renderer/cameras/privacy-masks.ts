import type { MaskPolygon } from '../../app/camera/camera-spec';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Where a video of `vw`×`vh` is drawn in an element of `ew`×`eh` with `object-fit: contain`. */
export function containRect(ew: number, eh: number, vw: number, vh: number): Box {
  if (!(ew > 0 && eh > 0 && vw > 0 && vh > 0)) return { left: 0, top: 0, width: ew, height: eh };
  const scale = Math.min(ew / vw, eh / vh);
  const width = vw * scale;
  const height = vh * scale;
  return { left: (ew - width) / 2, top: (eh - height) / 2, width, height };
}

/** SVG points of a mask in a 0…1 viewBox. */
export function maskPoints(mask: MaskPolygon): string {
  return mask.map(([x, y]) => `${x},${y}`).join(' ');
}

/**
 * Blanks privacy masks (a window, a doorway) on a frozen frame. The hall burns masks into what its
 * gateway pulls; a camera played straight from a video platform is masked here, on screen and in a
 * screen capture alike.
 */
export function paintMasks(canvas: HTMLCanvasElement, masks: readonly MaskPolygon[]): void {
  const g = canvas.getContext('2d');
  if (!g) return;
  g.fillStyle = '#000';
  for (const m of masks) {
    g.beginPath();
    m.forEach(([x, y], i) => (i ? g.lineTo(x * canvas.width, y * canvas.height) : g.moveTo(x * canvas.width, y * canvas.height)));
    g.closePath();
    g.fill();
  }
}
