import { describe, expect, it } from 'vitest';
import { originForSlot } from '../../../app/video-wall/video-access';
import { originsOf, parseVideoOrigins, videoOriginsFor } from './video-origins';

describe('video origins', () => {
  it('auto: six loopback aliases on the page’s port when the page came by a loopback name, else its own origin', () => {
    const auto = parseVideoOrigins({});
    expect(videoOriginsFor(auto, '127.0.0.1:8080')).toEqual(['http://v1.localhost:8080', 'http://v2.localhost:8080', 'http://v3.localhost:8080', 'http://v4.localhost:8080', 'http://v5.localhost:8080', 'http://v6.localhost:8080']);
    expect(videoOriginsFor(auto, 'localhost:9')).toHaveLength(6);
    expect(videoOriginsFor(auto, '[::1]:9')[0]).toBe('http://v1.localhost:9');
    expect(videoOriginsFor(auto, '10.0.0.5:8080')).toEqual([]);
    expect(videoOriginsFor(auto, 'evil.localhost.example:80')).toEqual([]);
    expect(videoOriginsFor(auto, undefined)).toEqual([]);
    expect(videoOriginsFor(parseVideoOrigins({ GRIDWALL_VIDEO_ORIGINS: 'off' }), 'localhost:8080')).toEqual([]);
  });

  it('a configured list is used as given; anything but origins is refused with the setting named', () => {
    const list = parseVideoOrigins({ GRIDWALL_VIDEO_ORIGINS: 'http://v1.hall.lan:8080, http://v2.hall.lan:8080/' });
    expect(videoOriginsFor(list, '10.0.0.5:8080')).toEqual(['http://v1.hall.lan:8080', 'http://v2.hall.lan:8080']);
    for (const bad of ['ftp://x', 'http://x/video', 'http://u:p@x', 'x.lan', 'http://x?a=1']) {
      expect(() => parseVideoOrigins({ GRIDWALL_VIDEO_ORIGINS: bad })).toThrow(/GRIDWALL_VIDEO_ORIGINS/);
    }
  });

  it('tiles go round the origins, so n tiles put at most ⌈n / origins⌉ on a host', () => {
    const origins = videoOriginsFor(parseVideoOrigins({}), 'localhost:1');
    const per = new Map<string, number>();
    for (let slot = 0; slot < 25; slot++) {
      const o = originForSlot(origins, slot) ?? '';
      per.set(o, (per.get(o) ?? 0) + 1);
    }
    expect(Math.max(...per.values())).toBeLessThanOrEqual(5);
    expect(originForSlot([], 3)).toBeUndefined();
  });

  it('direct platform URLs give their origins, once each', () => {
    expect(originsOf(['http://a;script-src*/x.m3u8', 'http://[::1]:8080/x.m3u8'])).toEqual(['http://[::1]:8080']);
    expect(originsOf(['/video/a/index.m3u8', 'http://10.0.0.8:8080/live/a.m3u8', 'http://10.0.0.8:8080/live/b.m3u8', 'https://vms.lan/x.m3u8', undefined, 'rtsp://x'])).toEqual(['http://10.0.0.8:8080', 'https://vms.lan']);
  });
});
