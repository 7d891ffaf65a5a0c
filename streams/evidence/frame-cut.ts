import { readFile } from 'node:fs/promises';
import { frameAt, tsVideoPts } from '../../app/evidence/ts-timing';
import { runFfmpeg } from './ffmpeg-run';

/** A frame cut from a DVR segment. */
export interface CutFrame {
  /** PNG bytes at the segment's full resolution. */
  png: Buffer;
  /** Stream time of the frame cut (epoch ms): the last frame presented at or before the time asked for. */
  frameTime: number;
  /** Time ffmpeg took, and the whole cut (read, locate, decode, encode). */
  ffmpegMs: number;
  ms: number;
}

export class NoFrameError extends Error {
  override name = 'NoFrameError';
}

/**
 * Cuts the frame on screen at stream time `t` out of one DVR segment, at full resolution, as PNG.
 *
 * PNG, not JPEG: the frame is evidence, so it is stored lossless: bit for bit the picture the decoder
 * produced, which anyone can re-derive from the clip or the DVR with ffmpeg and compare; a JPEG would add
 * a second generation of compression artefacts exactly where it matters (plates, signs, faces) and its
 * bytes would depend on the encoder's version. zlib level 1 keeps a 1080p frame well under the time
 * budget; higher levels save ~10 % of size for twice the time.
 *
 * The segment is read once (so the DVR may rotate it away meanwhile) and piped to ffmpeg. Its frames'
 * PTS come from the PES headers (app/evidence/ts-timing.ts); ffmpeg then keeps timestamps as they are
 * (`-copyts`) and outputs the first frame at or after half a millisecond before the chosen PTS, which is
 * that frame and no other, whatever the stream's start time or frame rate.
 */
export async function cutFrame(ffmpeg: string, segment: { file: string; start: number }, t: number): Promise<CutFrame> {
  const t0 = performance.now();
  const bytes = await readFile(segment.file);
  return cutFrameFrom(ffmpeg, bytes, segment.start, t, `the DVR segment ${segment.file.split(/[\\/]/).at(-1) ?? ''}`, t0);
}

/** The same cut from a segment's bytes (a player's buffered segment); `what` names it in errors. */
export async function cutFrameFrom(ffmpeg: string, bytes: Buffer, start: number, t: number, what: string, t0 = performance.now()): Promise<CutFrame> {
  const pick = frameAt(tsVideoPts(bytes), start, t);
  // MPEG-TS only, from the pipe only: bytes a client sent must never be probed as a playlist or a concat list.
  const input = ['-f', 'mpegts', '-protocol_whitelist', 'pipe', '-i', 'pipe:0'];
  const seek = pick ? ['-copyts', ...input, '-map', '0:v:0', '-ss', ((pick.pts - 45) / 90_000).toFixed(6)] : [...input, '-map', '0:v:0', '-ss', (Math.max(0, t - start) / 1000).toFixed(3)];
  const r = await runFfmpeg(ffmpeg, [...seek, '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', '-compression_level', '1', 'pipe:1'], { stdin: bytes, timeoutMs: 15_000 });
  if (r.stdout.length === 0) throw new NoFrameError(`${what} holds no decodable frame at that time`);
  return { png: r.stdout, frameTime: pick ? Math.round(pick.at) : t, ffmpegMs: r.ms, ms: performance.now() - t0 };
}
