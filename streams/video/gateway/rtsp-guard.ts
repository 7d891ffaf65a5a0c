import net from 'node:net';
import { Transform, pipeline, type TransformCallback } from 'node:stream';
import tls from 'node:tls';
import { formatNetUrl, parseNetUrl, type NetUrl } from '../../../app/camera/camera-url';
import { hostAllowed, parseUrlHost, type UrlHost } from '../../../app/camera/host-rules';
import { checkTarget, describeRefusal, describeUnreachable, hostText, listenOnLoopback, type GuardOptions } from './host-guard';
import { RtspReplyFilter, type LocationDecision } from './rtsp-filter';

/**
 * A relay between ffmpeg (or ffprobe) and one RTSP camera, on 127.0.0.1. ffmpeg follows an RTSP 3xx to
 * wherever its `Location` says, at once and with the camera's credentials (it even sends Basic ones
 * before being asked), so watching its log would be too late: instead ffmpeg is given
 * `rtsp://<credentials>@127.0.0.1:<relay>/<path>` and every byte the camera sends passes through an
 * RtspReplyFilter. A redirect to a host the rules allow is rewritten to come back through the relay,
 * which then connects there; any other redirect closes the connection before ffmpeg sees it, and is
 * reported. Each connection goes to the address checked just then (names resolved here). `rtsps`
 * cameras are spoken to over TLS by the relay — without checking the certificate, as ffmpeg's own
 * default (`tls_verify=0`) did — so the relay reads the replies in the clear.
 */

const MAX_REDIRECTS = 8;
const LOOPBACK = parseUrlHost('127.0.0.1') as UrlHost;

interface Target {
  host: UrlHost;
  port: number;
  tls: boolean;
}

function targetOf(u: NetUrl): Target {
  const secure = u.scheme === 'rtsps';
  return { host: u.host, port: u.port ?? (secure ? 322 : 554), tls: secure };
}

class Refused extends Error {}

export class RtspGuard {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private port = 0;
  /** Where the next connection goes after a redirect; else the camera itself. */
  private next: Target | undefined;
  private redirects = 0;

  private constructor(
    private readonly camera: NetUrl,
    private readonly o: GuardOptions,
  ) {
    this.server = net.createServer((c) => void this.relay(c));
  }

  /** `url`: the camera's checked rtsp:// or rtsps:// URL. */
  static async start(url: string, o: GuardOptions): Promise<RtspGuard> {
    const u = parseNetUrl(url);
    if ('error' in u || (u.scheme !== 'rtsp' && u.scheme !== 'rtsps')) throw new Error('the RTSP guard needs an rtsp:// or rtsps:// URL');
    const g = new RtspGuard(u, o);
    g.port = await listenOnLoopback(g.server);
    return g;
  }

  /** The URL ffmpeg is given: the camera's path, query and credentials, through the relay. */
  get url(): string {
    return this.local(this.camera);
  }

  private local(u: NetUrl): string {
    return formatNetUrl({ ...u, scheme: 'rtsp', host: LOOPBACK, port: this.port });
  }

  /** A new ffmpeg or ffprobe starts at the camera again. */
  reset(): void {
    this.next = undefined;
    this.redirects = 0;
  }

  /** A 3xx's Location: allowed hosts come back through the relay; anything else ends the connection. */
  private decide(location: string): LocationDecision {
    const u = parseNetUrl(location);
    if ('error' in u) return { ok: false, reason: 'redirect to a malformed URL' };
    if (u.scheme !== 'rtsp' && u.scheme !== 'rtsps') return { ok: false, reason: `redirect to a URL the hall does not follow (${u.scheme.slice(0, 20)}:)` };
    if (!hostAllowed(u.host, this.o.hosts)) return { ok: false, reason: `redirect to a host the hall does not allow: ${hostText(u.host)}` };
    if (++this.redirects > MAX_REDIRECTS) return { ok: false, reason: `more than ${MAX_REDIRECTS} redirects` };
    this.next = targetOf(u);
    return { ok: true, value: this.local(u) };
  }

  private async relay(client: net.Socket): Promise<void> {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    const target = this.next ?? targetOf(this.camera);
    this.next = undefined;
    const check = await checkTarget(target.host, this.o.hosts, this.o.lookup);
    if (!check.ok) {
      this.o.onRefused(describeRefusal('redirect', hostText(this.camera.host), hostText(target.host), check));
      client.destroy();
      return;
    }
    if (client.destroyed) return;
    const opts = { host: check.address, port: target.port };
    const up: net.Socket = target.tls
      ? tls.connect({ ...opts, rejectUnauthorized: false, ...(target.host.kind === 'name' ? { servername: target.host.name } : {}) })
      : net.connect(opts);
    this.sockets.add(up);
    up.on('close', () => this.sockets.delete(up));
    let connected = false;
    up.once(target.tls ? 'secureConnect' : 'connect', () => (connected = true));
    up.once('error', (err) => {
      if (!connected) this.o.onUnreachable?.(describeUnreachable('redirect', hostText(this.camera.host), hostText(target.host), target.port, err));
    });
    const filter = new RtspReplyFilter((loc) => this.decide(loc));
    const replies = new Transform({
      transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
        const r = filter.push(chunk);
        if (!r.ok) return done(new Refused(r.reason));
        // One push per chunk: the filter cuts packets into many small pieces.
        if (r.out.length > 0) this.push(r.out.length === 1 ? r.out[0] : Buffer.concat(r.out));
        done();
      },
    });
    pipeline(client, up, () => client.destroy());
    pipeline(up, replies, client, (err) => {
      if (err instanceof Refused) this.o.onRefused(err.message);
      up.destroy();
      client.destroy();
    });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
