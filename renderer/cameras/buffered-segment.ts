import { videoGet, type XhrSetup } from './video-get';

/**
 * The player's buffered segment: the evidence fallback between the hall's DVR and a screen capture. When
 * the hall has no DVR for a camera (one a video platform serves and the wall plays directly) or its DVR
 * no longer holds the time, the segment the tile itself was playing still has the exact frame at the
 * stream's own resolution; the hall cuts it from these bytes.
 */
export interface BufferedSegment {
  bytes: ArrayBuffer;
  /** PROGRAM-DATE-TIME of its first frame, epoch ms. */
  start: number;
}

/** A fragment of the playlist the player had, as much of hls.js's Fragment as this needs. */
export interface PlayedFragment {
  url: string;
  programDateTime: number | null;
  duration: number;
  /** fMP4 fragments cannot be decoded without their init segment: only MPEG-TS ones are sent. */
  initSegment: unknown;
}

/** The fragment whose time span holds stream time `t`, if the player's playlist has one. */
export function fragmentAt<F extends PlayedFragment>(fragments: readonly F[], t: number): F | undefined {
  return fragments.find((f) => f.programDateTime !== null && !f.initSegment && f.programDateTime <= t && t < f.programDateTime + f.duration * 1000);
}

/** Segments larger than this are not sent (a 1 s 1080p segment is well under 2 MB). */
const MAX_BYTES = 8 * 1024 * 1024;

/**
 * Fetches a segment again (usually from the browser's cache: segments are immutable) with the same
 * request setup as the player (the hall's ticket or token by host, nothing for a platform's own host).
 */
export async function fetchSegment(url: string, start: number, xhrSetup: XhrSetup | undefined, timeoutMs = 5000): Promise<BufferedSegment | undefined> {
  const body = (await videoGet(url, { xhrSetup, responseType: 'arraybuffer', timeoutMs }))?.response as ArrayBuffer | null | undefined;
  return body && body.byteLength > 0 && body.byteLength <= MAX_BYTES ? { bytes: body, start } : undefined;
}
