import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHostRules } from '../../../app/camera/host-rules';
import { locateFfmpeg } from '../ffmpeg-locator';
import { RtspTestServer, rtspServerAvailable } from '../rtsp-test/rtsp-server';
import type { GatewayHealth } from './gateway-types';
import { ffprobeBeside } from './probe-codec';
import { VideoGateway } from './video-gateway';

/**
 * Every connection ffmpeg makes for a pulled camera passes the hall's host rules, redirects and HLS
 * segments included. "Another host" is another loopback address: the rules allow 127.0.0.1 and
 * 127.0.0.3, not 127.0.0.2, where a server counts every connection it gets.
 */

const ffmpeg = await locateFfmpeg();
const ffprobe = ffmpeg.ok ? ffprobeBeside(ffmpeg.path) : 'ffprobe';
const gstOk = ffmpeg.ok && rtspServerAvailable();

async function listen<S extends net.Server>(server: S, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const a = server.address();
  return a && typeof a === 'object' ? a.port : 0;
}

const bindsOtherLoopback = await (async () => {
  const s = net.createServer();
  try {
    await listen(s, '127.0.0.2');
    s.close();
    return true;
  } catch {
    return false;
  }
})();

async function until(pred: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function probe(url: string): Promise<void> {
  return new Promise((resolve) => execFile(ffprobe, ['-v', 'error', '-rtsp_transport', 'tcp', '-timeout', '3000000', url], { timeout: 15_000 }, () => resolve()));
}

/** A tiny RTSP server: OPTIONS 200; DESCRIBE asks for Basic credentials, then answers 302 to `redirect(path)`. */
function redirectingRtsp(redirect: (path: string) => string): net.Server {
  return net.createServer((s) => {
    let buf = '';
    s.on('error', () => s.destroy());
    s.on('data', (b: Buffer) => {
      buf += b.toString('latin1');
      for (let i = buf.indexOf('\r\n\r\n'); i >= 0; i = buf.indexOf('\r\n\r\n')) {
        const msg = buf.slice(0, i);
        buf = buf.slice(i + 4);
        const [method, uri] = msg.split(' ');
        const cseq = /CSeq: *(\d+)/i.exec(msg)?.[1] ?? '0';
        if (method !== 'DESCRIBE') s.write(`RTSP/1.0 200 OK\r\nCSeq: ${cseq}\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY\r\n\r\n`);
        else if (!/^Authorization:/im.test(msg)) s.write(`RTSP/1.0 401 Unauthorized\r\nCSeq: ${cseq}\r\nWWW-Authenticate: Basic realm="cam"\r\n\r\n`);
        else s.write(`RTSP/1.0 302 Moved\r\nCSeq: ${cseq}\r\nLocation: ${redirect(new URL(uri ?? 'rtsp://x/').pathname)}\r\n\r\n`);
      }
    });
  });
}

describe.skipIf(!ffmpeg.ok || !bindsOtherLoopback)('the gateway keeps ffmpeg within the hall’s camera hosts', () => {
  let root: string;
  let clip: Buffer;
  let gw: VideoGateway;
  let gst: RtspTestServer | undefined;
  const servers: net.Server[] = [];
  /** Connections and requests that reached 127.0.0.2, the host the rules leave out. */
  const foreign: string[] = [];
  const said: string[] = [];
  const ports = { origin: 0, other: 0, evil: 0, evilRtsp: 0, rtsp: 0 };
  const health = (id: string): GatewayHealth | undefined => gw.health(id);

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'gridwall-guard-'));
    const clipFile = path.join(root, 'clip.ts');
    await new Promise<void>((resolve, reject) =>
      execFile(ffmpeg.ok ? ffmpeg.path : 'ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=10:duration=30', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '10', '-f', 'mpegts', clipFile], (err) => (err ? reject(err) : resolve())),
    );
    clip = await readFile(clipFile);
    // Three times faster than real time: live enough for the gateway, quick for a test.
    const stream = (res: http.ServerResponse) => {
      res.writeHead(200, { 'content-type': 'video/mp2t' });
      let i = 0;
      const step = Math.ceil(clip.length / 100);
      const t = setInterval(() => {
        if (res.destroyed || i >= clip.length) return void (clearInterval(t), res.end());
        res.write(clip.subarray(i, (i += step)));
      }, 100);
      res.on('close', () => clearInterval(t));
    };
    const evil = net.createServer((s) => {
      foreign.push('tcp');
      s.on('data', (b: Buffer) => {
        foreign.push(b.toString('latin1'));
        s.destroy();
      });
      s.on('error', () => s.destroy());
    });
    const origin = http.createServer((req, res) => {
      const to = (url: string) => res.writeHead(302, { location: url }).end();
      if (req.url?.startsWith('/out.ts')) return to(`http://127.0.0.2:${ports.evil}/stolen.ts`);
      if (req.url?.startsWith('/in.ts')) return to(`http://127.0.0.3:${ports.other}/cam.ts`);
      if (req.url?.startsWith('/list.m3u8')) {
        res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' });
        return res.end(`#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10,\nhttp://127.0.0.2:${ports.evil}/seg0.ts\n#EXTINF:10,\nseg1.ts\n`);
      }
      if (req.url?.startsWith('/seg1.ts')) return res.end(clip);
      res.writeHead(404).end();
    });
    const other = http.createServer((_req, res) => stream(res));
    const rtsp = redirectingRtsp((p) => (p === '/in' && gst ? gst.url('cam1') : `rtsp://127.0.0.2:${ports.evil}/stolen`));
    servers.push(evil, origin, other, rtsp);
    ports.evil = await listen(evil, '127.0.0.2');
    ports.origin = await listen(origin, '127.0.0.1');
    ports.other = await listen(other, '127.0.0.3');
    ports.rtsp = await listen(rtsp, '127.0.0.1');
    if (gstOk) gst = await RtspTestServer.start({ cam1: 'pattern:0' });
    gw = new VideoGateway({
      videoRoot: root,
      ffmpeg: ffmpeg.ok ? ffmpeg.path : undefined,
      timeZone: 'UTC',
      log: { warn: (k, m) => said.push(`${k}: ${m}`) },
      maxRunning: 8,
      graceMs: 60_000,
      dvrSeconds: 6,
      stallMs: 4000,
      hosts: parseHostRules(['127.0.0.1', '127.0.0.3', 'cams.test']).rules,
      // cams.test was listed, but DNS now says 127.0.0.2 (rebinding).
      lookup: (name) => (name === 'cams.test' ? Promise.resolve(['127.0.0.2']) : Promise.reject(Object.assign(new Error('nx'), { code: 'ENOTFOUND' }))),
    });
    gw.onHealth((id, h) => said.push(`${id}: ${JSON.stringify(h)}`));
  }, 60_000);

  afterAll(async () => {
    await gw?.stop();
    await gst?.stop();
    for (const s of servers) s.close();
    await rm(root, { recursive: true, force: true });
  });

  const watch = (id: string) => {
    const keep = setInterval(() => gw.demand(id), 500);
    gw.demand(id);
    return () => clearInterval(keep);
  };

  it('control: unguarded, ffmpeg follows an HTTP redirect and an RTSP redirect to a host nobody checked', async () => {
    foreign.length = 0;
    await probe(`http://127.0.0.1:${ports.origin}/out.ts`);
    expect(foreign.some((l) => l.startsWith('GET /stolen.ts'))).toBe(true);
    foreign.length = 0;
    await probe(`rtsp://admin:s3cret@127.0.0.1:${ports.rtsp}/out`);
    // …and hands the camera's credentials to it.
    expect(foreign.some((l) => l.includes(`Authorization: Basic ${Buffer.from('admin:s3cret').toString('base64')}`))).toBe(true);
  }, 40_000);

  it('refuses an HTTP redirect to a host outside the rules, and says so without the credentials', async () => {
    foreign.length = 0;
    gw.register('h-out', { kind: 'http', url: `http://admin:s3cret@127.0.0.1:${ports.origin}/out.ts?token=t0ps3cret` });
    const stop = watch('h-out');
    try {
      await until(() => /does not allow: 127\.0\.0\.2/.test(health('h-out')?.reason ?? ''), 15_000, 'the refusal');
      expect(health('h-out')?.reason).toBe('redirect or playlist entry to a host the hall does not allow: 127.0.0.2');
      expect(foreign).toEqual([]);
    } finally {
      stop();
    }
  }, 30_000);

  it('refuses an HLS playlist that names a segment on another host', async () => {
    foreign.length = 0;
    gw.register('h-list', { kind: 'http', url: `http://admin:s3cret@127.0.0.1:${ports.origin}/list.m3u8` });
    const stop = watch('h-list');
    try {
      await until(() => /does not allow: 127\.0\.0\.2/.test(health('h-list')?.reason ?? ''), 15_000, 'the refusal');
      expect(foreign).toEqual([]);
    } finally {
      stop();
    }
  }, 30_000);

  it('refuses a listed host name that now resolves outside the rules (the guard resolves and connects itself)', async () => {
    foreign.length = 0;
    gw.register('h-dns', { kind: 'http', url: `http://cams.test:${ports.evil}/cam.ts` });
    const stop = watch('h-dns');
    try {
      await until(() => /cams\.test resolves to 127\.0\.0\.2/.test(health('h-dns')?.reason ?? ''), 15_000, 'the refusal');
      expect(health('h-dns')?.reason).toBe("the camera's host cams.test resolves to 127.0.0.2, outside the hall's camera hosts");
      expect(foreign).toEqual([]);
    } finally {
      stop();
    }
  }, 30_000);

  it('still plays through an HTTP redirect to another allowed host', async () => {
    gw.register('h-in', { kind: 'http', url: `http://127.0.0.1:${ports.origin}/in.ts` });
    const stop = watch('h-in');
    try {
      await until(() => health('h-in')?.state === 'up', 25_000, 'h-in up');
    } finally {
      stop();
      await gw.unregister('h-in');
    }
  }, 40_000);

  it('refuses an RTSP redirect to a host outside the rules before ffmpeg reaches it', async () => {
    foreign.length = 0;
    gw.register('r-out', { kind: 'rtsp', url: `rtsp://admin:s3cret@127.0.0.1:${ports.rtsp}/out` });
    const stop = watch('r-out');
    try {
      await until(() => /does not allow: 127\.0\.0\.2/.test(health('r-out')?.reason ?? ''), 15_000, 'the refusal');
      expect(health('r-out')?.reason).toBe('redirect to a host the hall does not allow: 127.0.0.2');
      expect(foreign).toEqual([]);
    } finally {
      stop();
    }
  }, 30_000);

  it.skipIf(!gstOk)('still plays through an RTSP redirect to an allowed host (back through the relay)', async () => {
    gw.register('r-in', { kind: 'rtsp', url: `rtsp://admin:s3cret@127.0.0.1:${ports.rtsp}/in` });
    const stop = watch('r-in');
    try {
      await until(() => health('r-in')?.state === 'up', 25_000, 'r-in up');
    } finally {
      stop();
      await gw.unregister('r-in');
    }
  }, 40_000);

  it('says which allowed host did not answer when the relay cannot reach it', async () => {
    const closed = net.createServer();
    const port = await listen(closed, '127.0.0.1');
    await new Promise((r) => closed.close(r));
    gw.register('r-gone', { kind: 'rtsp', url: `rtsp://admin:s3cret@127.0.0.1:${port}/cam` });
    const stop = watch('r-gone');
    try {
      await until(() => health('r-gone')?.reason !== undefined, 15_000, 'a reason');
      expect(health('r-gone')?.reason).toBe(`the camera at 127.0.0.1:${port} did not answer (ECONNREFUSED)`);
    } finally {
      stop();
      await gw.unregister('r-gone');
    }
  }, 30_000);

  it('kept every credential out of what it reported', () => {
    const all = said.join('\n');
    expect(all).toContain('does not allow');
    for (const secret of ['s3cret', 'admin:', 't0ps3cret']) expect(all).not.toContain(secret);
  });
});
