import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHostRules } from '../../../app/camera/host-rules';
import { locateFfmpeg } from '../ffmpeg-locator';
import { accessArgs } from './gateway-args';
import { checkTarget } from './host-guard';
import { HttpGuard } from './http-guard';
import { ffprobeBeside } from './probe-codec';
import { proxyFreeEnv } from './source-guard';

const rules = parseHostRules(['127.0.0.1', 'nvr.test', 'gone.test']).rules;
const lookup = (name: string) => (name === 'nvr.test' ? Promise.resolve(['203.0.113.7', '127.0.0.1']) : Promise.reject(Object.assign(new Error('x'), { code: 'ENOTFOUND' })));

describe('host checks at connect time', () => {
  const host = (name: string) => ({ kind: 'name' as const, name });
  it('connects a listed name only to an address inside the ranges, and says why not', async () => {
    expect(await checkTarget(host('nvr.test'), rules, lookup)).toEqual({ ok: true, address: '127.0.0.1' });
    expect(await checkTarget(host('nvr.test'), parseHostRules(['nvr.test']).rules, lookup)).toMatchObject({ ok: false, refused: true, why: "resolves to 203.0.113.7, 127.0.0.1, outside the hall's camera hosts" });
    expect(await checkTarget(host('gone.test'), rules, lookup)).toEqual({ ok: false, refused: false, why: 'could not be resolved (ENOTFOUND)' });
    expect(await checkTarget(host('other.test'), rules, lookup)).toMatchObject({ ok: false, refused: true });
  });
});

/** Raw proxy conversation: what a client sends, what the guard answers. */
function ask(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(text));
    let got = '';
    s.on('data', (b: Buffer) => {
      got += b.toString('latin1');
      if (got.includes('\r\n\r\n')) s.destroy();
    });
    s.on('close', () => resolve(got));
    s.on('error', () => resolve(got));
  });
}

describe('the http guard', () => {
  let guard: HttpGuard;
  const refused: string[] = [];
  beforeAll(async () => {
    guard = await HttpGuard.start('127.0.0.1', { hosts: rules, lookup, onRefused: (r) => refused.push(r) });
  });
  afterAll(() => guard.close());

  it('refuses requests and tunnels to hosts outside the rules, other schemes and non-proxy requests', async () => {
    const port = Number(new URL(guard.url).port);
    expect(await ask(port, 'GET http://127.0.0.2:8080/x.ts HTTP/1.1\r\nHost: 127.0.0.2:8080\r\n\r\n')).toMatch(/^HTTP\/1\.1 403/);
    expect(await ask(port, 'CONNECT 127.0.0.2:443 HTTP/1.1\r\nHost: 127.0.0.2:443\r\n\r\n')).toMatch(/^HTTP\/1\.1 403/);
    expect(await ask(port, 'GET ftp://127.0.0.1/x HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await ask(port, 'GET /x.ts HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(refused).toEqual([
      'redirect or playlist entry to a host the hall does not allow: 127.0.0.2',
      'redirect or playlist entry to a host the hall does not allow: 127.0.0.2',
      'redirect or playlist entry to a URL the hall does not follow (ftp:)',
      'redirect or playlist entry the proxy cannot read',
    ]);
  });
});

const ffmpeg = await locateFfmpeg();
const openssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!ffmpeg.ok || !openssl)('ffprobe over https through the guard', () => {
  let dir: string;
  let server: https.Server;
  let guard: HttpGuard;
  let port = 0;
  const refused: string[] = [];
  const probe = (url: string) =>
    new Promise<string>((resolve) => {
      const args = ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', ...accessArgs({ kind: 'http', url }, { ioTimeoutS: 5, httpProxy: guard.url }), url];
      execFile(ffprobeBeside(ffmpeg.ok ? ffmpeg.path : 'ffmpeg'), args, { env: { ...proxyFreeEnv(process.env), http_proxy: guard.url }, timeout: 20_000 }, (_err, out) => resolve(out.trim().split('\n')[0] ?? ''));
    });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'gridwall-https-'));
    const [key, cert, clip] = ['key.pem', 'cert.pem', 'clip.ts'].map((f) => path.join(dir, f)) as [string, string, string];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    execFileSync(ffmpeg.ok ? ffmpeg.path : 'ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=10:duration=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'mpegts', clip]);
    const body = await readFile(clip);
    server = https.createServer({ key: await readFile(key), cert: await readFile(cert) }, (req, res) => {
      if (req.url === '/away.ts') return res.writeHead(302, { location: 'https://127.0.0.2:8443/x.ts' }).end();
      res.end(body);
    });
    port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
    guard = await HttpGuard.start('127.0.0.1', { hosts: rules, onRefused: (r) => refused.push(r) });
  });
  afterAll(async () => {
    await guard?.close();
    server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('tunnels https to an allowed host, and refuses the CONNECT a redirect to another host asks for', async () => {
    expect(await probe(`https://127.0.0.1:${port}/cam.ts`)).toBe('h264');
    expect(refused).toEqual([]);
    expect(await probe(`https://127.0.0.1:${port}/away.ts`)).toBe('');
    expect(refused).toEqual(['redirect or playlist entry to a host the hall does not allow: 127.0.0.2']);
  }, 40_000);
});
