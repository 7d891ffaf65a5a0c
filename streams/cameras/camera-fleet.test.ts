import { describe, expect, it } from 'vitest';
import type { CameraState } from '../../app/camera/camera';
import type { CameraSpec } from '../../app/camera/camera-spec';
import type { DvrSegment, GatewayHealth, PulledSource } from '../video/gateway/gateway-types';
import { CameraFleet, type UnplacedState } from './camera-fleet';
import type { CameraGateway } from './camera-gateway';

class FakeGateway implements CameraGateway {
  readonly registered = new Map<string, PulledSource>();
  readonly calls: string[] = [];
  private readonly healths = new Map<string, GatewayHealth>();
  private listener: (id: string, h: GatewayHealth) => void = () => {};
  register(id: string, source: PulledSource): void {
    this.calls.push(`register ${id}`);
    this.registered.set(id, source);
  }
  async unregister(id: string): Promise<void> {
    this.calls.push(`unregister ${id}`);
    this.registered.delete(id);
  }
  demand(): void {}
  health(id: string): GatewayHealth | undefined {
    return this.healths.get(id);
  }
  dvr(): readonly DvrSegment[] {
    return [];
  }
  onHealth(fn: (id: string, h: GatewayHealth) => void): void {
    this.listener = fn;
  }
  async stop(): Promise<void> {}
  set(id: string, h: GatewayHealth): void {
    this.healths.set(id, h);
    this.listener(id, h);
  }
}

function setup(ffmpegMissing = false) {
  const gw = new FakeGateway();
  const states = new Map<string, CameraState>();
  const published: Array<{ s: UnplacedState; relay: boolean }> = [];
  let now = 1000;
  const fleet = new CameraFleet({
    gateway: gw,
    ffmpegMissing,
    publish: (s, relay) => {
      published.push({ s, relay });
      states.set(s.id, s);
      return true;
    },
    remove: (id) => states.delete(id),
    current: (id) => states.get(id),
    now: () => now++,
  });
  return { gw, fleet, states, published };
}

const spec = (over: Partial<CameraSpec> = {}): CameraSpec => ({ id: 'c1', name: '鲁谷路', lon: 116.2, lat: 39.9, main: { url: 'rtsp://u:p@10.0.0.1/a' }, ...over });
const rtsp = { kind: 'rtsp', url: 'rtsp://u:p@10.0.0.1/a' } as const;

describe('CameraFleet', () => {
  it('registers pulled streams (with the masks) and publishes the registration before any health', async () => {
    const { gw, fleet, published } = setup();
    const masks: CameraSpec['masks'] = [[[0, 0], [1, 0], [1, 1]]];
    await fleet.hold(spec({ masks, groups: ['g'], exhibit: true }), { main: rtsp, sub: { kind: 'hls', url: 'http://10.0.0.1/sub.m3u8' } }, false);
    expect(gw.registered.get('c1')).toEqual({ ...rtsp, masks });
    expect(gw.registered.has('c1.sub')).toBe(false);
    expect(published[0]).toMatchObject({ relay: true, s: { hls: '/video/c1/index.m3u8', subHls: 'http://10.0.0.1/sub.m3u8', online: true, state: 'idle', groups: ['g'], masks, exhibit: true } });

    gw.set('c1', { state: 'reconnecting', reason: 'rtsp://u:p@10.0.0.1/a: Connection refused', since: 5, restarts: 2 });
    expect(published.at(-1)).toMatchObject({ relay: false, s: { online: false, reason: 'error', state: 'reconnecting', detail: 'rtsp://***@10.0.0.1/a: Connection refused' } });
    expect(fleet.health(published.at(-1)?.s as CameraState)).toEqual({ state: 'reconnecting', reason: 'rtsp://***@10.0.0.1/a: Connection refused', since: 5, restarts: 2 });
    gw.set('c1', { state: 'up', since: 9, restarts: 2, lastSegmentAt: 8 });
    expect(published.at(-1)?.s).toMatchObject({ online: true, state: 'up' });
    gw.set('other', { state: 'up', since: 9, restarts: 0 });
    expect(published.at(-1)?.s.id).toBe('c1');
  });

  it('re-registers only when the source or masks change, and unregisters what is no longer pulled', async () => {
    const { gw, fleet, states } = setup();
    await fleet.hold(spec(), { main: rtsp, sub: { kind: 'rtsp', url: 'rtsp://10.0.0.1/b' } }, false);
    await fleet.hold(spec({ name: 'renamed' }), { main: rtsp, sub: { kind: 'rtsp', url: 'rtsp://10.0.0.1/b' } }, false);
    expect(gw.calls).toEqual(['register c1', 'register c1.sub']);
    expect(states.get('c1')?.subHls).toBe('/video/c1.sub/index.m3u8');
    await fleet.hold(spec({ masks: [[[0, 0], [1, 0], [1, 1]]] }), { main: rtsp }, false);
    expect(gw.calls.slice(2)).toEqual(['unregister c1.sub', 'register c1']);
    await fleet.hold(spec(), { main: { kind: 'hls', url: 'http://10.0.0.1/a.m3u8' } }, false);
    expect(gw.calls.at(-1)).toBe('unregister c1');
    expect(states.get('c1')).toMatchObject({ hls: 'http://10.0.0.1/a.m3u8', online: true, state: 'direct' });
    expect(await fleet.release('c1')).toBe(true);
    expect(states.has('c1')).toBe(false);
    expect(await fleet.release('c1')).toBe(false);
  });

  it('shows a refused source and a missing ffmpeg as down, and keeps transient cameras apart', async () => {
    const { fleet, states, gw } = setup(true);
    await fleet.hold(spec({ id: 'r1' }), { refused: 'main.url: the address 8.8.8.8 is outside the hall’s camera hosts' }, false);
    expect(states.get('r1')).toMatchObject({ online: false, state: 'down', detail: expect.stringMatching(/8\.8\.8\.8/) });
    await fleet.hold(spec({ id: 'f1' }), { main: rtsp }, false);
    gw.set('f1', { state: 'down', reason: 'ffmpeg was not found', since: 1, restarts: 0 });
    expect(states.get('f1')).toMatchObject({ online: false, reason: 'ffmpeg-missing' });
    await fleet.hold(spec({ id: 'demo' }), { main: { kind: 'synthetic', label: '演示', variant: 0 } }, true);
    expect(fleet.isTransient('demo')).toBe(true);
    expect(fleet.storedIds().sort()).toEqual(['f1', 'r1']);
  });

  it('never publishes a state older than the one shown', async () => {
    const { fleet, states } = setup();
    states.set('c1', { id: 'c1', name: 'x', hls: 'h', online: false, reason: 'reported-offline', statusAt: 99_999 });
    await fleet.hold(spec(), { main: rtsp }, false);
    expect(states.get('c1')?.statusAt).toBe(99_999);
  });
});
