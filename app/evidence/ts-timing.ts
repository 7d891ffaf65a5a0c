/**
 * Frame times inside one MPEG-TS segment, read from the video PES headers (one frame per PES, as ffmpeg's
 * HLS muxer writes them) without decoding anything: enough to know which frame was on screen at a
 * stream time, and to seek ffmpeg to exactly that frame.
 */

const PACKET = 188;
const SYNC = 0x47;
/** MPEG-1/2, MPEG-4 part 2, H.264, HEVC, AVS2, VC-1 elementary stream types. */
const VIDEO_TYPES = new Set([0x01, 0x02, 0x10, 0x1b, 0x24, 0xd2, 0xea]);
const WRAP = 2 ** 33;
/** PTS ticks per millisecond (the 90 kHz system clock). */
export const PTS_PER_MS = 90;

const u8 = (b: Uint8Array, i: number) => b[i] ?? 0;

function readPts(b: Uint8Array, i: number): number {
  return ((u8(b, i) >> 1) & 0x07) * 2 ** 30 + ((u8(b, i + 1) << 7) | (u8(b, i + 2) >> 1)) * 2 ** 15 + ((u8(b, i + 3) << 7) | (u8(b, i + 4) >> 1));
}

/** Start of a table section after the pointer field. */
const sectionStart = (b: Uint8Array, p: number) => p + 1 + u8(b, p);
const sectionEnd = (b: Uint8Array, s: number) => s + 3 + (((u8(b, s + 1) & 0x0f) << 8) | u8(b, s + 2)) - 4; // without the CRC

/**
 * Presentation timestamps (90 kHz) of the first video stream's frames, in presentation order and
 * unwrapped across the 33-bit rollover (relative to the first one, as ffmpeg does).
 */
export function tsVideoPts(b: Uint8Array): number[] {
  const pmts = new Set<number>();
  let video: number | undefined;
  const out: number[] = [];
  let off = 0;
  while (off + PACKET <= b.length) {
    if (u8(b, off) !== SYNC) {
      off++; // lost sync: look for the next packet start
      continue;
    }
    const pusi = (u8(b, off + 1) & 0x40) !== 0;
    const pid = ((u8(b, off + 1) & 0x1f) << 8) | u8(b, off + 2);
    const afc = (u8(b, off + 3) >> 4) & 0x03;
    let p = off + 4;
    if (afc === 3) p += 1 + u8(b, p);
    const payload = (afc === 1 || afc === 3) && p < off + PACKET;
    if (payload && pusi) {
      if (pid === 0) {
        const s = sectionStart(b, p);
        for (let q = s + 8; q + 4 <= sectionEnd(b, s); q += 4) {
          const program = (u8(b, q) << 8) | u8(b, q + 1);
          if (program !== 0) pmts.add(((u8(b, q + 2) & 0x1f) << 8) | u8(b, q + 3));
        }
      } else if (pmts.has(pid) && video === undefined) {
        const s = sectionStart(b, p);
        const end = sectionEnd(b, s);
        let q = s + 12 + (((u8(b, s + 10) & 0x0f) << 8) | u8(b, s + 11));
        while (q + 5 <= end) {
          const type = u8(b, q);
          const esPid = ((u8(b, q + 1) & 0x1f) << 8) | u8(b, q + 2);
          if (VIDEO_TYPES.has(type)) {
            video = esPid;
            break;
          }
          q += 5 + (((u8(b, q + 3) & 0x0f) << 8) | u8(b, q + 4));
        }
      } else if (pid === video && u8(b, p) === 0 && u8(b, p + 1) === 0 && u8(b, p + 2) === 1 && (u8(b, p + 7) & 0x80) !== 0) {
        out.push(readPts(b, p + 9));
      }
    }
    off += PACKET;
  }
  const first = out[0];
  if (first === undefined) return out;
  return out.map((t) => (t < first - WRAP / 2 ? t + WRAP : t)).sort((a, c) => a - c);
}

export interface FramePick {
  /** Index in presentation order. */
  index: number;
  /** The frame's PTS (90 kHz, unwrapped). */
  pts: number;
  /** Its stream time, epoch ms. */
  at: number;
}

/**
 * The frame on screen at stream time `t`: the last frame presented at or before `t` (half a ms of
 * PROGRAM-DATE-TIME rounding allowed), timing the segment's frames from its PROGRAM-DATE-TIME (`segmentStart`, its first frame).
 */
export function frameAt(pts: readonly number[], segmentStart: number, t: number): FramePick | undefined {
  const first = pts[0];
  if (first === undefined) return undefined;
  const at = (p: number) => segmentStart + (p - first) / PTS_PER_MS;
  let index = 0;
  for (let i = 1; i < pts.length; i++) {
    if (at(pts[i] as number) <= t + 0.5) index = i;
    else break;
  }
  const p = pts[index] as number;
  return { index, pts: p, at: at(p) };
}
