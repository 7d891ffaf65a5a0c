import { describe, expect, it } from 'vitest';
import { isFresh, playlistEdge } from './playlist-edge';

const playlist = (seq: number, start: string, n: number) =>
  ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:1', `#EXT-X-MEDIA-SEQUENCE:${seq}`, ...Array.from({ length: n }, (_, i) => [`#EXT-X-PROGRAM-DATE-TIME:${new Date(Date.parse(start) + i * 1000).toISOString().replace('Z', '+0000')}`, '#EXTINF:1.000000,', `seg-${seq + i}.ts`]).flat()].join('\n');

describe('the live edge of a playlist', () => {
  it('ends where its last segment ends, by PROGRAM-DATE-TIME (ffmpeg’s +0800 form too)', () => {
    const e = playlistEdge(playlist(40, '2026-11-22T02:00:00.000Z', 6));
    expect(e).toEqual({ endsAt: Date.parse('2026-11-22T02:00:06.000Z'), mark: '40:6' });
    expect(playlistEdge('#EXTM3U\n#EXT-X-PROGRAM-DATE-TIME:2026-11-22T10:00:00.000+0800\n#EXTINF:2.0,\na.ts')?.endsAt).toBe(Date.parse('2026-11-22T02:00:02.000Z'));
    expect(playlistEdge('<html>')).toBeUndefined();
  });

  it('is fresh when the camera sends again, not while the playlist is the dead one', () => {
    const dead = playlistEdge(playlist(40, '2026-11-22T02:00:00.000Z', 6));
    if (!dead) throw new Error('no edge');
    const now = Date.parse('2026-11-22T02:00:20.000Z');
    expect(isFresh(dead, now, 5000)).toBe(false);
    const back = playlistEdge(playlist(46, '2026-11-22T02:00:18.000Z', 1));
    expect(back && isFresh(back, now, 5000)).toBe(true);
    // Without stream times: fresh once it moves.
    const a = { mark: '1:3' };
    expect(isFresh(a, now, 5000)).toBe(false);
    expect(isFresh(a, now, 5000, { mark: '1:3' })).toBe(false);
    expect(isFresh({ mark: '2:3' }, now, 5000, a)).toBe(true);
  });
});
