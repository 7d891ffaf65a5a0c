import { describe, expect, it } from 'vitest';
import type { CameraState } from '../../app/camera/camera';
import { CameraRegistry } from './camera-registry';

const cam = (statusAt: number, online = true): CameraState => ({ id: 'c1', name: '鲁谷路', hls: '/video/c1/index.m3u8', online, statusAt });

describe('CameraRegistry', () => {
  it('never lets a late status overwrite a newer one', () => {
    const changes: CameraState[] = [];
    const r = new CameraRegistry((c) => changes.push(c));
    expect(r.upsert(cam(100))).toBe(true);
    expect(r.status('c1', false, 200)).toBe('ok');
    expect(r.get('c1')).toMatchObject({ online: false, reason: 'reported-offline', statusAt: 200 });
    expect(r.status('c1', true, 150)).toBe('stale'); // sent before the offline report, arrived after it
    expect(r.upsert(cam(120))).toBe(false);
    expect(r.get('c1')?.online).toBe(false);
    expect(r.status('c1', true, 250)).toBe('ok');
    expect(r.get('c1')).toMatchObject({ online: true, statusAt: 250 });
    expect(r.get('c1')?.reason).toBeUndefined();
    expect(r.status('nope', true, 1)).toBe('unknown-camera');
    expect(changes.map((c) => c.online)).toEqual([true, false, true]);
  });
});
