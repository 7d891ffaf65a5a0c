import { Parser } from 'm3u8-parser';

/** A segment of a live media playlist with its wall-clock start. */
export interface PlaylistSegment {
  seq: number;
  uri: string;
  /** #EXT-X-PROGRAM-DATE-TIME, epoch ms. */
  start: number;
  durationMs: number;
}

/**
 * The segments of a media playlist that carry a PROGRAM-DATE-TIME, numbered by the media sequence.
 * Segments without one are left out: nothing on the wall or in evidence may guess a frame's time.
 */
export function playlistSegments(text: string): PlaylistSegment[] {
  const p = new Parser();
  p.push(text);
  p.end();
  const first = p.manifest.mediaSequence ?? 0;
  const out: PlaylistSegment[] = [];
  p.manifest.segments.forEach((s, i) => {
    if (s.programDateTime === undefined || !Number.isFinite(s.programDateTime) || !(s.duration > 0)) return;
    out.push({ seq: first + i, uri: s.uri, start: s.programDateTime, durationMs: Math.round(s.duration * 1000) });
  });
  return out;
}
