import { afterEach, describe, expect, it, vi } from 'vitest';
import { camerasVideo } from './evidence-video';
import { testCamera } from './test-dvr';

describe('the hall’s cameras as a video source for evidence', () => {
  afterEach(() => vi.useRealTimers());

  it('reads the gateway’s DVR, and keeps the camera demanded while a clip waits', () => {
    vi.useFakeTimers();
    const demanded: string[] = [];
    const seg = { file: '/dvr/cam-1/seg-1.ts', name: 'seg-1.ts', start: 1000, durationMs: 1000, seq: 1 };
    const cameras = { get: (id: string) => (id === 'cam-1' ? testCamera('cam-1') : undefined), gateway: () => ({ dvr: (id: string) => (id === 'cam-1' ? [seg] : []), demand: (id: string) => void demanded.push(id) }) };
    const v = camerasVideo(cameras, () => '/usr/bin/ffmpeg');
    expect(v.dvr('cam-1')).toEqual([seg]);
    expect(v.dvr('cam-2')).toEqual([]);
    expect(v.camera('cam-1')?.name).toMatch(/cam-1/);
    const release = v.hold?.('cam-1') ?? (() => {});
    vi.advanceTimersByTime(9_000);
    expect(demanded.length).toBe(5); // at once, then every 2 s
    release();
    vi.advanceTimersByTime(10_000);
    expect(demanded.length).toBe(5);
  });

  it('has no DVR before the gateway exists', () => {
    const v = camerasVideo({ get: () => undefined }, () => undefined);
    expect(v.dvr('cam-1')).toEqual([]);
    expect(v.ffmpeg()).toBeUndefined();
    expect(() => v.hold?.('cam-1')()).not.toThrow();
  });
});
