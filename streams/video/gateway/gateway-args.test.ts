import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../ffmpeg-locator';
import { gatewayArgs } from './gateway-args';
import { maskImage } from './mask-image';
import { scrub } from './gateway-camera';

const out = { outDir: '/v/cam', startNumber: 42, segmentSeconds: 1, listSize: 6 };
const ffmpeg = await locateFfmpeg();

describe('gateway ffmpeg arguments', () => {
  it('copies H.264 from an RTSP camera over TCP only (to the guard’s relay: no UDP, no TLS of its own)', () => {
    const a = gatewayArgs({ kind: 'rtsp', url: 'rtsp://10.0.0.5/ch1' }, out, { copy: true, ioTimeoutS: 10 });
    expect(a.join(' ')).toContain('-protocol_whitelist rtsp,tcp -rtsp_transport tcp -timeout 10000000 -i rtsp://10.0.0.5/ch1');
    expect(a.join(' ')).toContain('-c:v copy');
    expect(a.join(' ')).toContain('-start_number 42');
    expect(a.join(' ')).toContain('program_date_time');
    expect(a.join(' ')).not.toContain('delete_segments'); // the gateway keeps the DVR window itself
  });

  it('encodes when the source is not H.264 or has privacy masks', () => {
    expect(gatewayArgs({ kind: 'rtsp', url: 'rtsp://10.0.0.5/ch1' }, out, { copy: false, ioTimeoutS: 10 })).toContain('libx264');
    const masked = gatewayArgs({ kind: 'rtsp', url: 'rtsp://10.0.0.5/ch1' }, out, { copy: true, ioTimeoutS: 10, maskFile: '/v/cam/masks.pam' });
    expect(masked).toContain('libx264');
    expect(masked.join(' ')).toContain('[0:v]null[base];[base][1:v]overlay=format=auto[v]');
  });

  it('sends http(s) through the guard’s proxy, https tunnelled by CONNECT', () => {
    const a = gatewayArgs({ kind: 'http', url: 'http://10.0.0.5/live.m3u8' }, out, { copy: true, ioTimeoutS: 10, httpProxy: 'http://127.0.0.1:4000' });
    expect(a.join(' ')).toContain('-protocol_whitelist http,https,tcp,tls,httpproxy -http_proxy http://127.0.0.1:4000 -rw_timeout 10000000 -i http://10.0.0.5/live.m3u8');
  });

  it('loops a media file as a live camera, allowing only the file protocol', () => {
    const a = gatewayArgs({ kind: 'file', path: '/data/media/drill.mp4' }, out, { copy: true, ioTimeoutS: 10 });
    expect(a.join(' ')).toContain('-protocol_whitelist file -re -stream_loop -1 -i /data/media/drill.mp4');
  });

  it('keeps credentials out of what it reports', () => {
    const src = { kind: 'rtsp' as const, url: 'rtsp://admin:pa55@10.0.0.5:554/ch1' };
    const said = scrub('rtsp://admin:pa55@10.0.0.5:554/ch1: Connection refused; also http://u:p@x/y', src);
    expect(said).not.toContain('pa55');
    expect(said).not.toContain('u:p@');
  });
});

describe('privacy masks', () => {
  it('rasterises polygons into an opaque-inside, transparent-outside image', () => {
    const img = maskImage([[[0, 0], [0.5, 0], [0.5, 1], [0, 1]]], 10, 4);
    const body = img.subarray(img.indexOf('ENDHDR\n') + 7);
    const alpha = (x: number, y: number) => body[(y * 10 + x) * 4 + 3];
    expect(alpha(0, 0)).toBe(255);
    expect(alpha(4, 3)).toBe(255);
    expect(alpha(5, 0)).toBe(0);
    expect(alpha(9, 3)).toBe(0);
  });

  it.skipIf(!ffmpeg.ok)('are burned into the segments ffmpeg writes', async () => {
    const bin = ffmpeg.ok ? ffmpeg.path : 'ffmpeg';
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gridwall-mask-'));
    try {
      await writeFile(path.join(dir, 'masks.pam'), maskImage([[[0, 0], [0.5, 0], [0.5, 1], [0, 1]]], 320, 180));
      const args = gatewayArgs({ kind: 'synthetic', label: 'x', variant: 3, width: 320, height: 180, fps: 10 }, { ...out, outDir: dir, startNumber: 0 }, { copy: false, ioTimeoutS: 5, maskFile: path.join(dir, 'masks.pam') });
      // Two seconds of the live encode are enough: drop -re and bound the input.
      const bounded = args.filter((a) => a !== '-re').map((a) => (a.startsWith('testsrc2=') ? `${a}:duration=2` : a));
      execFileSync(bin, bounded, { stdio: 'ignore' });
      const seg = (await readdir(dir)).find((f) => f.endsWith('.ts'));
      expect(seg).toBeDefined();
      const raw = execFileSync(bin, ['-v', 'error', '-i', path.join(dir, seg as string), '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-']);
      const row = (y: number, x0: number, x1: number) => raw.subarray(y * 320 + x0, y * 320 + x1);
      expect(Math.max(...row(90, 10, 150))).toBeLessThan(24); // masked: black (limited-range luma)
      expect(Math.max(...row(90, 170, 310))).toBeGreaterThan(60); // the pattern shows beside it
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('filter values', () => {
  it('quote a camera name for drawtext so no character can end the option', async () => {
    const { filterValue } = await import('./gateway-args');
    expect(filterValue("it's")).toBe(`'it'\\''s'`);
    expect(filterValue('a:b,c;[d]')).toBe(`'a:b,c;[d]'`);
  });
});
