import { describe, expect, it } from 'vitest';
import { parseHostRules } from './host-rules';
import { defaultSourcePolicy, parseCameraSource, type SourcePolicy } from './source-policy';

const policy = defaultSourcePolicy('/srv/gridwall/media');
const ok = (url: string, p: SourcePolicy = policy) => {
  const r = parseCameraSource(url, p);
  if (!r.ok) throw new Error(`refused ${url}: ${r.reason}`);
  return r.source;
};
const reason = (url: string, p: SourcePolicy = policy) => {
  const r = parseCameraSource(url, p);
  if (r.ok) throw new Error(`accepted ${url} as ${JSON.stringify(r.source)}`);
  return r.reason;
};

describe('parseCameraSource: what each URL becomes', () => {
  it('plays an HLS URL without credentials directly', () => {
    expect(ok('http://192.168.1.20/live/cam1/index.m3u8')).toEqual({ kind: 'hls', url: 'http://192.168.1.20/live/cam1/index.m3u8' });
    expect(ok('https://10.2.3.4:8443/hls/ch1.M3U8?channel=1')).toEqual({ kind: 'hls', url: 'https://10.2.3.4:8443/hls/ch1.M3U8?channel=1' });
    expect(ok('HTTP://LocalHost:8888/cam/index.m3u8')).toEqual({ kind: 'hls', url: 'http://localhost:8888/cam/index.m3u8' });
    expect(ok('http://[fd12:3456::20]/a.m3u8')).toEqual({ kind: 'hls', url: 'http://[fd12:3456::20]/a.m3u8' });
  });

  it('pulls HLS with credentials (userinfo or a secret parameter) and other http streams through the gateway', () => {
    expect(ok('http://admin:pw@192.168.1.20/live.m3u8')).toEqual({ kind: 'http', url: 'http://admin:pw@192.168.1.20/live.m3u8' });
    expect(ok('http://192.168.1.20/live.m3u8?token=abc')).toEqual({ kind: 'http', url: 'http://192.168.1.20/live.m3u8?token=abc' });
    expect(ok('http://192.168.1.20/live.m3u8?Access-Token=abc').kind).toBe('http');
    expect(ok('http://192.168.1.20/live.m3u8?a=1&pwd=x').kind).toBe('http');
    expect(ok('http://192.168.1.20:8080/stream.ts')).toEqual({ kind: 'http', url: 'http://192.168.1.20:8080/stream.ts' });
    expect(ok('http://192.168.1.20/live.m3u8.flv').kind).toBe('http');
  });

  it('pulls rtsp:// and rtsps://, with their credentials', () => {
    expect(ok('rtsp://admin:12345@192.168.1.64:554/Streaming/Channels/101')).toEqual({ kind: 'rtsp', url: 'rtsp://admin:12345@192.168.1.64:554/Streaming/Channels/101' });
    expect(ok('RTSPS://172.20.0.5/cam/realmonitor?channel=1&subtype=0')).toEqual({ kind: 'rtsp', url: 'rtsps://172.20.0.5/cam/realmonitor?channel=1&subtype=0' });
    expect(ok('rtsp://127.0.0.1:8554')).toEqual({ kind: 'rtsp', url: 'rtsp://127.0.0.1:8554' });
    expect(ok('rtsp://user:p%40ss%2Fw0rd@10.0.0.9/ch1').kind).toBe('rtsp');
  });

  it('resolves file:<name> inside the media dir', () => {
    expect(ok('file:drill/market.mp4')).toEqual({ kind: 'file', path: '/srv/gridwall/media/drill/market.mp4' });
    expect(ok('file:鲁谷 夜市 (1).mp4')).toEqual({ kind: 'file', path: '/srv/gridwall/media/鲁谷 夜市 (1).mp4' });
    expect(ok('file:a.mp4', { ...policy, mediaDir: 'C:\\GridWall\\media\\' })).toEqual({ kind: 'file', path: 'C:\\GridWall\\media\\a.mp4' });
  });
});

describe('parseCameraSource: refused', () => {
  it.each([
    ['concat:/etc/passwd|/etc/shadow', /scheme "concat:"/],
    ['subfile,,start,0,end,0,,:/etc/passwd', /no scheme|scheme/],
    ['pipe:0', /scheme "pipe:"/],
    ['data:text/plain;base64,aGk=', /scheme "data:"/],
    ['tcp://192.168.1.2:1234', /scheme "tcp:"/],
    ['udp://192.168.1.2:1234', /scheme "udp:"/],
    ['crypto:http://192.168.1.2/a.ts', /scheme "crypto:"/],
    ['crypto+http://192.168.1.2/a.ts', /scheme "crypto\+http:"/],
    ['async:http://192.168.1.2/a.ts', /scheme "async:"/],
    ['cache:http://192.168.1.2/a.ts', /scheme "cache:"/],
    ['hls+http://192.168.1.2/a.m3u8', /scheme "hls\+http:"/],
    ['ftp://192.168.1.2/a.mp4', /scheme "ftp:"/],
    ['gopher://127.0.0.1:6379/_FLUSHALL', /scheme "gopher:"/],
    ['tls://192.168.1.2:443', /scheme "tls:"/],
    ['rtmp://192.168.1.2/live/a', /scheme "rtmp:"/],
    ['srt://192.168.1.2:9000', /scheme "srt:"/],
    ['unix:/var/run/docker.sock', /scheme "unix:"/],
    ['javascript:alert(1)', /scheme "javascript:"/],
    ['ws://192.168.1.2/a', /scheme "ws:"/],
    ['/etc/passwd', /no scheme/],
    ['video.mp4', /no scheme/],
    ['-i', /no scheme/],
    ['', /empty/],
    ['http://192.168.1.2/a.m3u8|file:/etc/passwd', /"\|"/],
    ['rtsp://192.168.1.2/a|b', /"\|"/],
  ])('%s', (url, why) => {
    expect(reason(url)).toMatch(why);
  });

  it('refuses file: that could leave the media dir', () => {
    expect(reason('file:/etc/passwd')).toMatch(/not an absolute path/);
    expect(reason('file:///etc/passwd')).toMatch(/not a file:\/\/ URL/);
    expect(reason('file://localhost/etc/passwd')).toMatch(/not a file:\/\/ URL/);
    expect(reason('file:../secrets/tokens.json')).toMatch(/"\.\."/);
    expect(reason('file:drill/../../etc/passwd')).toMatch(/"\.\."/);
    expect(reason('file:./a.mp4')).toMatch(/"\."/);
    expect(reason('file:..')).toMatch(/"\.\."/);
    expect(reason('file:C:\\Windows\\win.ini')).toMatch(/absolute path/);
    expect(reason('file:c:/Windows/win.ini')).toMatch(/absolute path/);
    expect(reason('file:\\\\server\\share\\a.mp4')).toMatch(/absolute path/);
    expect(reason('file:drill\\..\\..\\a.mp4')).toMatch(/contains "\\"/);
    expect(reason('file:~/a.mp4')).toMatch(/absolute path/);
    expect(reason('file:%2e%2e/a.mp4')).toMatch(/letters, digits/);
    expect(reason('file:a.mp4\u0000.png')).toMatch(/NUL/);
    expect(reason('file:a%00.mp4')).toMatch(/NUL/);
    expect(reason('file:a\nb.mp4')).toMatch(/letters, digits/);
    expect(reason('file:')).toMatch(/needs the name/);
    expect(reason('file:a//b.mp4')).toMatch(/empty folder/);
    expect(reason('file:drill/')).toMatch(/empty folder/);
    expect(reason('file:.hidden.mp4')).toMatch(/starting with "\."/);
    expect(reason('file:concat:a.mp4|b.mp4')).toMatch(/letters, digits/);
    expect(reason('file:x'.padEnd(300, 'x'))).toMatch(/longer than 255/);
    expect(reason('file:a.mp4', { ...policy, mediaDir: '' })).toMatch(/no media dir/);
  });

  it('refuses hosts outside the loopback and LAN ranges, and DNS names not listed', () => {
    expect(reason('rtsp://8.8.8.8/a')).toMatch(/address 8\.8\.8\.8 is outside/);
    expect(reason('http://169.254.169.254/latest/meta-data.m3u8')).toMatch(/outside/);
    expect(reason('http://172.32.0.1/a.m3u8')).toMatch(/outside/);
    expect(reason('http://192.169.0.1/a.m3u8')).toMatch(/outside/);
    expect(reason('http://0.0.0.0/a.m3u8')).toMatch(/outside/);
    expect(reason('http://[::]/a.m3u8')).toMatch(/outside/);
    expect(reason('http://[2001:db8::1]/a.m3u8')).toMatch(/outside/);
    expect(reason('http://[::ffff:8.8.8.8]/a.m3u8')).toMatch(/outside/);
    expect(reason('rtsp://cams.example.com/a')).toMatch(/host name "cams\.example\.com".*DNS name could point anywhere/);
    expect(reason('rtsp://localhost.evil.com/a')).toMatch(/host name/);
    // The same address in the spellings resolvers accept: never taken as an address.
    for (const h of ['127.1', '0x7f.0.0.1', '2130706433', '0177.0.0.1', '0x7f000001', '127.000.000.001', '10.1', '192.168.1.1.', '1.2.3']) {
      expect(reason(`rtsp://${h}/a`)).toMatch(/not a plain dotted IPv4|not a valid host/);
    }
  });

  it('allows ::ffff:-mapped LAN addresses and the link-local range only when configured', () => {
    expect(ok('http://[::ffff:192.168.1.5]/a.m3u8').kind).toBe('hls');
    const withLinkLocal = { ...policy, hosts: parseHostRules(['169.254.0.0/16', 'nvr.hall.local']).rules };
    expect(ok('rtsp://169.254.10.2/ch1', withLinkLocal).kind).toBe('rtsp');
    expect(ok('rtsp://NVR.hall.local/ch1', withLinkLocal)).toEqual({ kind: 'rtsp', url: 'rtsp://nvr.hall.local/ch1' });
    expect(reason('rtsp://192.168.1.5/ch1', withLinkLocal)).toMatch(/outside/);
  });

  it('refuses URLs that parsers could read differently', () => {
    expect(reason('http://evil.com@192.168.1.2@8.8.8.8/a.m3u8')).toMatch(/"@"/);
    expect(reason('http://192.168.1.2\\@8.8.8.8/a.m3u8')).toMatch(/character URLs must not/);
    expect(reason('http://192.168.1.2 /a.m3u8')).toMatch(/spaces/);
    expect(reason('http://192.168.1.2/a.m3u8\r\nHost: x')).toMatch(/control/);
    expect(reason('http://192.168.1.2/a.m3u8#frag')).toMatch(/fragment/);
    expect(reason('http://192.168.1.2/é.m3u8')).toMatch(/non-ASCII/);
    expect(reason('http://１９２.168.1.2/a.m3u8')).toMatch(/non-ASCII/);
    expect(reason('http://192.168.1.2/%zz.m3u8')).toMatch(/bad or NUL escape/);
    expect(reason('http://192.168.1.2/a%00.m3u8')).toMatch(/NUL/);
    expect(reason('http://%31%39%32.168.1.2/a.m3u8')).toMatch(/not a valid host/);
    expect(reason('http://192.168.1.2:0/a.m3u8')).toMatch(/port/);
    expect(reason('http://192.168.1.2:65536/a.m3u8')).toMatch(/port/);
    expect(reason('http://192.168.1.2:08/a.m3u8')).toMatch(/port/);
    expect(reason('http://192.168.1.2:/a.m3u8')).toMatch(/port/);
    expect(reason('http:///a.m3u8')).toMatch(/no host/);
    expect(reason('http:192.168.1.2/a.m3u8')).toMatch(/scheme:\/\/host/);
    expect(reason('http://[fe80::1%25eth0]/a.m3u8')).toMatch(/zone/);
    expect(reason('http://[::1/a.m3u8')).toMatch(/no host/);
    expect(reason('http://[::1]x/a.m3u8')).toMatch(/no host/);
    expect(reason('http://:pw@192.168.1.2/a.m3u8')).toMatch(/credentials are malformed/);
    expect(reason(`http://192.168.1.2/${'a'.repeat(2100)}.m3u8`)).toMatch(/longer than 2048/);
  });

  it('never repeats credentials in a reason', () => {
    for (const url of ['rtsp://admin:s3cr3t@8.8.8.8/a', 'rtsp://admin:s3cr3t@cams.example.com/a', 'http://admin:s3cr3t@192.168.1.2/%zz', 'ftp://admin:s3cr3t@192.168.1.2/a', 'rtsp://admin:s3cr3t@192.168.1.2:99999/a']) {
      expect(reason(url)).not.toContain('s3cr3t');
    }
  });
});
