/** A player's buffered segment as the hall takes it: MPEG-TS bytes and the stream time of their first frame. */
export interface BufferedUpload {
  bytes: Buffer;
  start: number;
}

/** A 1 s 1080p segment is well under 2 MB; a client sending more is sending something else. */
export const MAX_SEGMENT_BYTES = 8 * 1024 * 1024;
/** HLS segments last seconds; a segment said to span more than this is not one. */
const MAX_SEGMENT_SPAN_MS = 30_000;
const TS_PACKET = 188;

/**
 * Checks a buffered segment a client sent (base64) before ffmpeg sees it: size, MPEG-TS packet sync on
 * the first packets, and a stream time that falls inside it. Returns the segment or why it is refused.
 */
export function decodeSegment(b64: string, start: number | undefined, streamTime: number): BufferedUpload | string {
  if (start === undefined) return 'segmentStart (the PROGRAM-DATE-TIME of the segment’s first frame) must come with segment.';
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return 'segment is not base64.';
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length > MAX_SEGMENT_BYTES) return `the segment is ${(bytes.length / 1048576).toFixed(1)} MB; a player's segment may be at most 8 MB.`;
  const packets = Math.min(3, Math.floor(bytes.length / TS_PACKET));
  if (packets === 0) return 'segment is too short to be an MPEG-TS segment.';
  for (let i = 0; i < packets; i++) if (bytes[i * TS_PACKET] !== 0x47) return 'segment is not MPEG-TS (no sync byte where a packet starts); fMP4 segments are not taken.';
  if (streamTime < start || streamTime >= start + MAX_SEGMENT_SPAN_MS) return `streamTime ${streamTime} is not inside the segment that starts at ${start}.`;
  return { bytes, start };
}
