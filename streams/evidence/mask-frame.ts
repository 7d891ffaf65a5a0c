import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { maskImage } from '../video/gateway/mask-image';
import type { PrivacyMask } from '../video/gateway/gateway-types';
import { runFfmpeg } from './ffmpeg-run';

/** Width and height of a PNG (IHDR) or baseline/progressive JPEG (SOFn); undefined when unreadable. */
export function imageSize(b: Buffer, type: 'image/png' | 'image/jpeg'): { width: number; height: number } | undefined {
  if (type === 'image/png') return b.length >= 24 ? { width: b.readUInt32BE(16), height: b.readUInt32BE(20) } : undefined;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1] as number;
    const len = b.readUInt16BE(i + 2);
    // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  return undefined;
}

/**
 * Blanks a camera's privacy masks in a frame the client sent (a screen capture of a camera the tiles play
 * straight from a platform: the gateway never saw those pixels, so nothing burned the masks in). The
 * result is a PNG; the client's bytes are never stored.
 */
export async function blankMasks(ffmpeg: string, image: Buffer, type: 'image/png' | 'image/jpeg', masks: readonly PrivacyMask[], workDir: string): Promise<Buffer> {
  const size = imageSize(image, type);
  if (!size || size.width < 1 || size.height < 1 || size.width * size.height > 8192 * 8192) throw new RangeError('the screen capture’s size cannot be read from its header');
  await mkdir(workDir, { recursive: true });
  const maskFile = path.join(workDir, `mask-${randomBytes(6).toString('hex')}.pam`);
  await writeFile(maskFile, maskImage(masks, size.width, size.height));
  try {
    const r = await runFfmpeg(
      ffmpeg,
      ['-f', type === 'image/png' ? 'png_pipe' : 'jpeg_pipe', '-i', 'pipe:0', '-i', maskFile, '-filter_complex', '[0:v][1:v]overlay=format=auto', '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', '-compression_level', '1', 'pipe:1'],
      { stdin: image, timeoutMs: 20_000 },
    );
    if (r.stdout.length === 0) throw new RangeError('the screen capture could not be decoded');
    return r.stdout;
  } finally {
    await rm(maskFile, { force: true });
  }
}
