import { describe, expect, it } from 'vitest';
import { frameAt, tsVideoPts } from './ts-timing';

// A hand-made MPEG-TS: PAT → PMT (audio first, then H.264), video PES headers with PTS, some behind an
// adaptation field, and an audio PES the parser must ignore.
const PMT_PID = 0x1000;
const VIDEO = 0x100;
const AUDIO = 0x101;

function packet(pid: number, payload: number[], opts: { pusi?: boolean; adaptation?: number } = {}): number[] {
  const head = [0x47, (opts.pusi ? 0x40 : 0) | (pid >> 8), pid & 0xff];
  const af = opts.adaptation !== undefined ? [opts.adaptation, ...Array<number>(opts.adaptation).fill(0xff)] : [];
  head.push((af.length ? 0x30 : 0x10) | 0);
  const body = [...head, ...af, ...payload];
  return [...body, ...Array<number>(188 - body.length).fill(0xff)];
}

const pat = () => packet(0, [0, 0x00, 0xb0, 13, 0, 1, 0xc1, 0, 0, 0, 1, 0xe0 | (PMT_PID >> 8), PMT_PID & 0xff, 0, 0, 0, 0], { pusi: true });
const pmt = () => {
  const streams = [0x0f, 0xe0 | (AUDIO >> 8), AUDIO & 0xff, 0xf0, 0, 0x1b, 0xe0 | (VIDEO >> 8), VIDEO & 0xff, 0xf0, 0];
  const len = 9 + streams.length + 4;
  return packet(PMT_PID, [0, 0x02, 0xb0, len, 0, 1, 0xc1, 0, 0, 0xe0 | (VIDEO >> 8), VIDEO & 0xff, 0xf0, 0, ...streams, 0, 0, 0, 0], { pusi: true });
};

function ptsBytes(pts: number): number[] {
  const hi = Math.floor(pts / 2 ** 30) & 0x07;
  const mid = pts % 2 ** 30;
  return [0x21 | (hi << 1), (mid >> 22) & 0xff, (((mid >> 15) & 0x7f) << 1) | 1, (mid >> 7) & 0xff, ((mid & 0x7f) << 1) | 1];
}
const pes = (pid: number, pts: number, adaptation?: number) => packet(pid, [0, 0, 1, pid === VIDEO ? 0xe0 : 0xc0, 0, 0, 0x80, 0x80, 5, ...ptsBytes(pts)], { pusi: true, ...(adaptation !== undefined ? { adaptation } : {}) });

const ts = (...packets: number[][]) => Uint8Array.from(packets.flat());

describe('frame times in a TS segment', () => {
  it('reads the video PTS in presentation order, skipping audio and adaptation fields', () => {
    // I P B B in decode order: presentation order is I B B P.
    const b = ts(pat(), pmt(), pes(VIDEO, 126_000, 7), pes(AUDIO, 125_000), pes(VIDEO, 136_800), pes(VIDEO, 129_600), packet(VIDEO, [1, 2, 3]), pes(VIDEO, 133_200));
    expect(tsVideoPts(b)).toEqual([126_000, 129_600, 133_200, 136_800]);
  });

  it('unwraps the 33-bit rollover and resynchronises after garbage', () => {
    const top = 2 ** 33 - 3600;
    const b = ts(pat(), pmt(), pes(VIDEO, top), [0x00, 0x13, 0x37], pes(VIDEO, 0), pes(VIDEO, 3600));
    expect(tsVideoPts(b)).toEqual([top, 2 ** 33, 2 ** 33 + 3600]);
  });

  it('finds nothing without a PMT naming a video stream', () => {
    expect(tsVideoPts(ts(pes(VIDEO, 1000)))).toEqual([]);
  });

  it('picks the frame on screen: the last presented at or before the time, within half a ms of rounding', () => {
    const pts = [900, 4500, 8100, 11_700]; // 25 fps: a frame each 40 ms from the segment's start
    const start = 1_000_000;
    expect(frameAt(pts, start, start)).toEqual({ index: 0, pts: 900, at: start });
    expect(frameAt(pts, start, start + 39)?.index).toBe(0);
    expect(frameAt(pts, start, start + 40)?.index).toBe(1);
    expect(frameAt(pts, start, start + 39.5)?.index).toBe(1); // a PROGRAM-DATE-TIME rounded to the ms
    expect(frameAt(pts, start, start + 115)?.at).toBe(start + 80);
    expect(frameAt(pts, start, start + 5000)?.index).toBe(3);
    expect(frameAt(pts, start, start - 20)?.index).toBe(0);
    expect(frameAt([], start, start)).toBeUndefined();
  });
});
