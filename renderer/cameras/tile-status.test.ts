import { describe, expect, it } from 'vitest';
import type { CameraState } from '../../app/camera/camera';
import { START_GAP_MS, StartQueue } from './start-queue';
import { canPlay, LOST_SINCE, tileView } from './tile-status';

const cam = (over: Partial<CameraState> = {}): CameraState => ({ id: 'cam-1', name: '鲁谷路', hls: '/video/cam-1/index.m3u8', online: true, statusAt: 1000, ...over });
const EMPTY = { zh: '未分配', en: 'Empty' };

describe('what a tile shows', () => {
  it('plays only what its player says is live', () => {
    expect(tileView(cam(), { kind: 'playing', frameAt: 5, latencyS: 3 }, true, EMPTY).state).toBe('playing');
    expect(tileView(cam(), { kind: 'connecting' }, true, EMPTY).state).toBe('connecting');
    expect(tileView(cam(), { kind: 'playing' }, false, EMPTY).state).toBe('off-screen');
    expect(tileView(undefined, { kind: 'connecting' }, true, EMPTY)).toEqual({ state: 'empty', headline: EMPTY });
  });

  it('a stream that died is "signal lost since" the last live frame, whatever hls.js thinks', () => {
    const v = tileView(cam(), { kind: 'no-signal', reason: 'late', since: 1_700_000_000_000 }, true, EMPTY);
    expect(v).toMatchObject({ state: 'lost', headline: LOST_SINCE, since: 1_700_000_000_000 });
    expect(v.detail?.zh).toContain('过旧');
  });

  it('a camera the hall reports down: lost since its status (still tried), or no signal when waiting cannot help', () => {
    const down = cam({ online: false, reason: 'exited', statusAt: 42 });
    expect(canPlay(down)).toBe(true);
    expect(tileView(down, { kind: 'connecting' }, true, EMPTY)).toMatchObject({ state: 'lost', since: 42 });
    // A picture fresh by its own timestamps wins over a status that lags.
    expect(tileView(down, { kind: 'playing', frameAt: 50 }, true, EMPTY).state).toBe('playing');
    expect(canPlay(cam({ online: false, reason: 'ffmpeg-missing' }))).toBe(false);
    const none = tileView(cam({ online: false, reason: 'ffmpeg-missing' }), { kind: 'connecting' }, true, EMPTY);
    expect(none).toMatchObject({ state: 'no-signal', headline: { zh: '无信号' } });
    expect(none.detail?.zh).toBe('视频网关未找到 ffmpeg');
    expect(tileView(cam({ online: false, reason: 'starting' }), { kind: 'connecting' }, true, EMPTY).state).toBe('connecting');
    expect(tileView(cam({ state: 'queued' }), { kind: 'connecting' }, true, EMPTY).detail?.en).toMatch(/gateway slot/);
  });
});

describe('staggered starts', () => {
  it('gives each start the next slot, a gap apart, and takes a slot in the past at once', () => {
    let now = 0;
    const due: number[] = [];
    const q = new StartQueue(START_GAP_MS, { now: () => now, set: (_fn, ms) => due.push(now + ms), clear: () => {} });
    for (let i = 0; i < 4; i++) q.schedule(() => {});
    expect(due).toEqual([0, 150, 300, 450]);
    now = 10_000;
    q.schedule(() => {});
    expect(due.at(-1)).toBe(10_000);
  });
});
