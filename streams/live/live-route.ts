import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { Compile } from 'typebox/compile';
import { allows, audienceOf, holders } from '../../app/auth/roles';
import { ClientMessage, LIVE_CLOSE, type ClientHello, type ServerError, type ServerPing } from '../../app/live/protocol';
import { scopeWithin } from '../../app/live/scope';
import type { Auth } from '../auth/auth';
import type { OriginPolicy } from '../auth/origin-policy';
import type { ModuleLog } from '../hall/hall-module';
import type { LiveHub, LiveSocket } from './live-hub';
import type { LiveMetrics } from './live-metrics';

const checkClientMessage = Compile(ClientMessage);

export interface LiveRouteOptions {
  /** How often the server pings; a client silent for two intervals is dropped (and will reconnect). */
  heartbeatMs: number;
  /** A socket that has not said hello by then is closed. */
  helloTimeoutMs: number;
  /** Client messages are tiny; anything bigger is refused. */
  maxMessageBytes: number;
}

export const DEFAULT_LIVE_ROUTE: LiveRouteOptions = { heartbeatMs: 10_000, helloTimeoutMs: 5_000, maxMessageBytes: 4096 };

export interface LiveRouteDeps {
  hub: LiveHub;
  auth: Auth;
  origins: OriginPolicy;
  metrics: LiveMetrics;
  log: ModuleLog;
  options?: LiveRouteOptions;
}

function sendError(socket: WebSocket, code: string, message: string, closeCode: number): void {
  const err: ServerError = { type: 'error', code, message };
  socket.send(JSON.stringify(err));
  socket.close(closeCode, code);
}

/** Who may join with this hello, and with what scope; or why not, in one sentence. */
function admit(auth: Auth, hello: ClientHello): { ok: true; join: Parameters<LiveHub['join']>[1] } | { ok: false; code: string; message: string; close: number } {
  const p = auth.authenticate(hello.token);
  if (!p) return { ok: false, code: 'unauthorized', message: 'This token is not known to the hall: open the wall URL the hall server printed, or ask for a wall token.', close: LIVE_CLOSE.unauthorized };
  if (!allows('live.read', p.role)) {
    return { ok: false, code: 'unauthorized', message: `A ${p.role} token may not open a live surface; it needs ${holders('live.read')}.`, close: LIVE_CLOSE.unauthorized };
  }
  const scope = hello.scope ?? p.scope;
  if (!scopeWithin(scope, p.scope)) {
    return { ok: false, code: 'forbidden-scope', message: 'This token is for its own streets only; it may not ask for the whole city or for other streets.', close: LIVE_CLOSE.forbidden };
  }
  const join: Parameters<LiveHub['join']>[1] = { viewer: { scope, audience: audienceOf(p.role) } };
  if (hello.epoch !== undefined) join.epoch = hello.epoch;
  if (hello.lastSeq !== undefined) join.lastSeq = hello.lastSeq;
  return { ok: true, join };
}

/** WebSocket `/live`: hello (with a token) → snapshot (or replay) → deltas, with app-level ping/pong heartbeats. */
export function registerLiveRoute(app: FastifyInstance, deps: LiveRouteDeps): void {
  const opts = deps.options ?? DEFAULT_LIVE_ROUTE;
  app.get(
    '/live',
    {
      websocket: true,
      config: { access: 'public' }, // the token comes in the hello; the origin is checked before the upgrade
      schema: { hide: true },
      preValidation: async (req, reply) => {
        const verdict = deps.origins.check(req.headers.host, req.headers.origin);
        if (!verdict.ok) {
          deps.metrics.refused.labels('origin').inc();
          deps.log.warn('origin', `live: refused a connection: ${verdict.why}`);
          return reply.code(403).send({ error: 'forbidden-origin', message: verdict.why });
        }
      },
    },
    (socket: WebSocket) => {
      const peer: LiveSocket = {
        send: (text) => socket.send(text),
        get bufferedAmount() {
          return socket.bufferedAmount;
        },
        close: (code, reason) => socket.close(code, reason),
      };
      let joined = false;
      let lastHeard = Date.now();

      const helloTimer = setTimeout(() => {
        if (!joined) sendError(socket, 'hello-timeout', 'Say hello first, with a token (docs/architecture.md, live protocol).', LIVE_CLOSE.helloTimeout);
      }, opts.helloTimeoutMs);

      const heartbeat = setInterval(() => {
        if (Date.now() - lastHeard > 2 * opts.heartbeatMs + 1000) {
          socket.terminate();
          return;
        }
        if (joined) deps.hub.ping(peer, Date.now());
        else socket.send(JSON.stringify({ type: 'ping', t: Date.now() } satisfies ServerPing));
      }, opts.heartbeatMs);

      socket.on('message', (data, isBinary) => {
        lastHeard = Date.now();
        const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
        if (isBinary || size > opts.maxMessageBytes) return sendError(socket, 'bad-message', 'Live messages are JSON text of at most 4 KiB.', 1009);
        let msg: unknown;
        try {
          msg = JSON.parse(data.toString());
        } catch {
          return sendError(socket, 'bad-json', 'That message was not JSON.', 1007);
        }
        if (!checkClientMessage.Check(msg)) return sendError(socket, 'bad-message', 'That message does not match the live protocol (version 2: hello with a token).', 1008);
        if (msg.type === 'problem') {
          deps.metrics.surfaceDropped.labels(msg.channel.replace(/[^a-z0-9-]/g, '?')).inc(msg.dropped);
          deps.log.warn(`surface-dropped:${msg.channel}`, `live: a surface dropped ${msg.dropped} invalid ${msg.channel} item(s): ${msg.reason}`);
          return;
        }
        if (msg.type !== 'hello' || joined) return;
        const verdict = admit(deps.auth, msg);
        if (!verdict.ok) {
          deps.metrics.refused.labels(verdict.code).inc();
          return sendError(socket, verdict.code, verdict.message, verdict.close);
        }
        joined = true;
        clearTimeout(helloTimer);
        deps.hub.join(peer, verdict.join, Date.now());
      });

      socket.on('close', () => {
        clearTimeout(helloTimer);
        clearInterval(heartbeat);
        deps.hub.leave(peer);
      });
    },
  );
}
