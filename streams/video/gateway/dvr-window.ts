import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { DvrSegment } from './gateway-types';
import type { PlaylistSegment } from './hls-playlist';

/** Segment names the gateway's encoders write (gateway-args.ts); anything else in a playlist is ignored. */
const SEGMENT_NAME = /^seg-\d{9}\.ts$/;

/**
 * A camera's DVR window: every segment its encoder wrote in the last `windowMs`, in order, with its
 * wall-clock start. The live playlist names only the newest few; this index outlives them (and encoder
 * restarts), so evidence can be cut from any moment in the window. Older segments are deleted here.
 */
export class DvrWindow {
  private readonly list: DvrSegment[] = [];

  constructor(
    private readonly dir: string,
    private readonly windowMs: number,
  ) {}

  /** Adds the playlist's segments not seen before; returns the new ones. */
  add(segments: readonly PlaylistSegment[]): DvrSegment[] {
    const last = this.list.at(-1);
    const fresh: DvrSegment[] = [];
    for (const s of segments) {
      if (!SEGMENT_NAME.test(s.uri)) continue;
      if (last && s.seq <= last.seq) continue;
      const prev = fresh.at(-1);
      if (prev && s.seq <= prev.seq) continue;
      fresh.push({ file: path.join(this.dir, s.uri), name: s.uri, start: s.start, durationMs: s.durationMs, seq: s.seq });
    }
    this.list.push(...fresh);
    return fresh;
  }

  segments(): readonly DvrSegment[] {
    return this.list;
  }

  /** The number the next encoder should start at, so restarts never overwrite a kept segment. */
  nextNumber(): number {
    return (this.list.at(-1)?.seq ?? -1) + 1;
  }

  /** Deletes segments that ended more than the window ago (by their wall-clock time, not file times). */
  async prune(now: number): Promise<number> {
    let n = 0;
    while (this.list.length > 0) {
      const s = this.list[0] as DvrSegment;
      if (s.start + s.durationMs >= now - this.windowMs) break;
      this.list.shift();
      await rm(s.file, { force: true });
      n++;
    }
    return n;
  }

  /** Forgets everything and deletes the files (the camera is no longer watched). */
  async clear(): Promise<void> {
    const all = this.list.splice(0);
    await Promise.all(all.map((s) => rm(s.file, { force: true })));
  }
}
