import { PNG } from 'pngjs';

export interface PixelStats {
  width: number;
  height: number;
  /** Distinct colours (quantised to 5 bits per channel). */
  colours: number;
  /** Share of pixels that differ noticeably from the most common colour. */
  nonBackground: number;
}

/** Summarises a PNG screenshot, to tell a drawn canvas from a blank one. */
export function pixelStats(png: Buffer): PixelStats {
  const img = PNG.sync.read(png);
  const counts = new Map<number, number>();
  for (let i = 0; i < img.data.length; i += 4) {
    const key = ((img.data[i]! >> 3) << 10) | ((img.data[i + 1]! >> 3) << 5) | (img.data[i + 2]! >> 3);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const total = img.width * img.height;
  const top = Math.max(...counts.values());
  return { width: img.width, height: img.height, colours: counts.size, nonBackground: (total - top) / total };
}
