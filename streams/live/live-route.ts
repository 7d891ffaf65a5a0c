import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { Compile } from 'typebox/compile';
import { ClientMessage, type ServerError, type ServerPing } from '../../app/live/protocol';
import type { LiveHub, LiveSocket } from './live-hub';

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

function sendError(socket: WebSocket, code: string, message: string, closeCode: number): void {
  const err: ServerError = { type: 'error', code, message };
  socket.send(JSON.stringify(err));
  socket.close(closeCode, code);
}

/** WebSocket `/live`: hello → snapshot (or replay) → deltas, with app-level ping/pong heartbeats. */
export function registerLiveRoute(app: FastifyInstance, hub: LiveHub, opts: LiveRouteOptions = DEFAULT_LIVE_ROUTE): void {
  app.get('/live', { websocket: true, schema: { hide: true } }, (socket: WebSocket) => {
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
      if (!joined) sendError(socket, 'hello-timeout', 'Say hello first (see ARCHITECTURE.md, live protocol).', 4000);
    }, opts.helloTimeoutMs);

    const heartbeat = setInterval(() => {
      if (Date.now() - lastHeard > 2 * opts.heartbeatMs + 1000) {
        socket.terminate();
        return;
      }
      if (joined) hub.ping(peer, Date.now());
      else socket.send(JSON.stringify({ type: 'ping', t: Date.now() } satisfies ServerPing));
    }, opts.heartbeatMs);

    socket.on('message', (data, isBinary) => {
      lastHeard = Date.now();
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
      if (isBinary || size > opts.maxMessageBytes) {
        sendError(socket, 'bad-message', 'Live messages are JSON text of at most 4 KiB.', 1009);
        return;
      }
      let msg: unknown;
      try {
        msg = JSON.parse(data.toString());
      } catch {
        sendError(socket, 'bad-json', 'That message was not JSON.', 1007);
        return;
      }
      if (!checkClientMessage.Check(msg)) {
        sendError(socket, 'bad-message', 'That message does not match the live protocol.', 1008);
        return;
      }
      if (msg.type === 'hello') {
        if (joined) return;
        joined = true;
        clearTimeout(helloTimer);
        hub.join(peer, msg, Date.now());
      }
    });

    socket.on('close', () => {
      clearTimeout(helloTimer);
      clearInterval(heartbeat);
      hub.leave(peer);
    });
  });
}
