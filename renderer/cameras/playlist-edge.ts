/**
 * Where a live media playlist ends: the stream time (PROGRAM-DATE-TIME) at which its last segment ends,
 * and a fingerprint that changes whenever a segment is added. A tile that lost its stream watches this
 * cheaply, and builds a player again only once the camera is really sending — not into a dead playlist.
 */
export interface PlaylistEdge {
  /** Epoch ms the last segment ends, when the playlist carries PROGRAM-DATE-TIME. */
  endsAt?: number;
  /** Media sequence and segment count: differs once the playlist moves. */
  mark: string;
}

export function playlistEdge(text: string): PlaylistEdge | undefined {
  if (!text.startsWith('#EXTM3U')) return undefined;
  let seq = 0;
  let count = 0;
  let at: number | undefined;
  let dur = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#EXT-X-MEDIA-SEQUENCE:')) seq = Number(line.slice(22)) || 0;
    else if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) {
      const t = Date.parse(line.slice(25).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
      if (Number.isFinite(t)) at = t;
      dur = 0;
    } else if (line.startsWith('#EXTINF:')) dur += (Number(line.slice(8).split(',')[0]) || 0) * 1000;
    else if (line && !line.startsWith('#')) count++;
  }
  return { ...(at !== undefined ? { endsAt: at + dur } : {}), mark: `${seq}:${count}` };
}

/**
 * Whether a playlist shows a live camera again: its last segment ended within `freshMs` of now (by the
 * hall's clock), or — without stream times — it moved since the previous look.
 */
export function isFresh(edge: PlaylistEdge, now: number, freshMs: number, previous?: PlaylistEdge): boolean {
  if (edge.endsAt !== undefined) return now - edge.endsAt < freshMs;
  return previous !== undefined && previous.mark !== edge.mark;
}
