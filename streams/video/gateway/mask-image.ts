import type { PrivacyMask } from './gateway-types';

/**
 * The privacy masks as an RGBA image the size of the video: opaque black inside any polygon (even-odd
 * rule per polygon, union of polygons), transparent elsewhere, as a PAM file ffmpeg reads and overlays.
 * Masks are burned into the pixels the gateway writes, so no tile, DVR segment or evidence frame has them.
 */
export function maskImage(masks: readonly PrivacyMask[], width: number, height: number): Buffer {
  const header = Buffer.from(`P7\nWIDTH ${width}\nHEIGHT ${height}\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n`, 'ascii');
  const px = Buffer.alloc(width * height * 4); // zero: transparent black
  for (const poly of masks) {
    const pts = poly.map(([x, y]) => [x * width, y * height] as const);
    for (let row = 0; row < height; row++) {
      const y = row + 0.5;
      const xs: number[] = [];
      for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
        const [xi, yi] = pts[i] as readonly [number, number];
        const [xj, yj] = pts[j] as readonly [number, number];
        if (yi > y !== yj > y) xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
      }
      xs.sort((a, b) => a - b);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        const from = Math.max(0, Math.round(xs[k] as number));
        const to = Math.min(width, Math.round(xs[k + 1] as number));
        for (let col = from; col < to; col++) px[(row * width + col) * 4 + 3] = 255;
      }
    }
  }
  return Buffer.concat([header, px]);
}
