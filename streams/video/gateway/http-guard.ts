import http, { type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { parseNetUrl, type NetUrl } from '../../../app/camera/camera-url';
import { checkTarget, describeRefusal, describeUnreachable, hostText, listenOnLoopback, type GuardOptions } from './host-guard';

/**
 * The forward proxy ffmpeg and ffprobe use for one http(s) camera (`-http_proxy` and `http_proxy`): every
 * request — the camera's URL, each redirect ffmpeg follows (it asks the proxy again for the new URL),
 * each HLS playlist and segment — and every CONNECT (https, tunnelled) names its host, which is checked
 * against the hall's camera hosts and connected to at the checked address. Anything else gets a 403 and
 * is reported; the supervisor then stops ffmpeg, so a playlist that mixes in a foreign host never plays.
 * Listens on 127.0.0.1 only. It never logs a URL or a header (they may hold credentials).
 */

const VIA = 'redirect or playlist entry';

// Hop-by-hop headers (RFC 9110 §7.6.1) and the proxy's own: never forwarded.
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host']);

function forwardable(h: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined && !HOP.has(k)) out[k] = v;
  return out;
}

function authority(u: NetUrl): string {
  return `${hostText(u.host)}${u.port !== undefined ? `:${u.port}` : ''}`;
}

export class HttpGuard {
  private readonly server: http.Server;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  private readonly tunnels = new Set<Duplex>();
  private port = 0;

  private constructor(
    /** The camera URL's host as written, to tell its own refusals from a redirect's. */
    private readonly origin: string,
    private readonly o: GuardOptions,
  ) {
    this.server = http.createServer((req, res) => void this.request(req, res));
    this.server.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => void this.connect(req, socket, head));
    this.server.on('clientError', (_err, socket: Duplex) => socket.destroy());
  }

  static async start(origin: string, o: GuardOptions): Promise<HttpGuard> {
    const g = new HttpGuard(origin, o);
    g.port = await listenOnLoopback(g.server);
    return g;
  }

  /** For ffmpeg's `-http_proxy` and the `http_proxy` variable. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private refuse(reason: string): void {
    this.o.onRefused(reason);
  }

  private async request(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const deny = (status: number, reason: string) => {
      this.refuse(reason);
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(`${reason}\n`);
    };
    const raw = req.url ?? '';
    // ffmpeg asks a proxy with the absolute URL; a redirect to ftp:// or gopher:// arrives here as such.
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(raw)?.[1]?.toLowerCase();
    if (scheme !== 'http') return deny(400, scheme ? `${VIA} to a URL the hall does not follow (${scheme.slice(0, 20)}:)` : `${VIA} the proxy cannot read`);
    const u = parseNetUrl(raw);
    if ('error' in u) return deny(400, `${VIA} to a malformed URL (${u.error})`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(405, `ffmpeg sent a ${String(req.method).slice(0, 10)} request, which the hall does not allow`);
    const host = hostText(u.host);
    const check = await checkTarget(u.host, this.o.hosts, this.o.lookup);
    if (!check.ok) return deny(403, describeRefusal(VIA, this.origin, host, check));
    const up = http.request(
      {
        host: check.address,
        port: u.port ?? 80,
        method: req.method,
        path: `${u.path || '/'}${u.query !== undefined ? `?${u.query}` : ''}`,
        headers: { ...forwardable(req.headers), host: authority(u) },
        agent: this.agent,
      },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.statusMessage, forwardable(r.headers));
        r.pipe(res);
        r.on('error', () => res.destroy());
      },
    );
    up.on('error', (err) => {
      if (res.headersSent || res.destroyed) return void res.destroy();
      this.o.onUnreachable?.(describeUnreachable(VIA, this.origin, host, u.port ?? 80, err));
      res.writeHead(502, { connection: 'close' }).end();
    });
    // ffmpeg hung up early (it was stopped, or gave up): stop reading from the camera too.
    res.on('close', () => {
      if (!res.writableFinished) up.destroy();
    });
    req.pipe(up);
  }

  private async connect(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    this.tunnels.add(socket);
    socket.on('close', () => this.tunnels.delete(socket));
    socket.on('error', () => socket.destroy());
    const deny = (reason: string) => {
      this.refuse(reason);
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    };
    // `host:port` or `[v6]:port`, read with the same strict grammar as camera URLs.
    const u = parseNetUrl(`https://${req.url ?? ''}`);
    if ('error' in u || u.port === undefined || u.userinfo !== undefined || u.path !== '' || u.query !== undefined) return deny(`${VIA} the proxy cannot read (CONNECT)`);
    const check = await checkTarget(u.host, this.o.hosts, this.o.lookup);
    if (!check.ok) return deny(describeRefusal(VIA, this.origin, hostText(u.host), check));
    if (socket.destroyed) return;
    const up = net.connect({ host: check.address, port: u.port });
    this.tunnels.add(up);
    up.on('close', () => this.tunnels.delete(up));
    let open = false;
    up.once('connect', () => {
      open = true;
      socket.write('HTTP/1.1 200 Connection established\r\n\r\n');
      if (head.length) up.write(head);
      socket.pipe(up).on('error', () => up.destroy());
      up.pipe(socket);
    });
    up.on('error', (err) => {
      if (!open && !socket.destroyed) {
        this.o.onUnreachable?.(describeUnreachable(VIA, this.origin, hostText(u.host), u.port ?? 443, err));
        socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      } else socket.destroy();
      up.destroy();
    });
    socket.on('close', () => up.destroy());
  }

  async close(): Promise<void> {
    for (const s of this.tunnels) s.destroy();
    this.server.closeAllConnections();
    this.agent.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
