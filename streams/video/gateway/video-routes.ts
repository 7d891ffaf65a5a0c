import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../auth/auth';
import type { VideoGateway } from './video-gateway';

const CAMERA = /^[A-Za-z0-9_.-]{1,64}$/;
const FILE = /^[A-Za-z0-9_-]{1,64}\.(m3u8|ts)$/;

export interface VideoRouteDeps {
  videoRoot: string;
  gateway: VideoGateway;
  /** Whether this caller may watch this camera (exhibit surfaces: only cameras cleared for exhibit; scopes). */
  visible(principal: Principal | undefined, cameraId: string): boolean;
  /** CORS headers for a page of another of the hall's origins (tiles spread over several host names). */
  cors?(origin: string | undefined): Record<string, string>;
}

/**
 * `GET /video/{camera}/{file}`: a camera's live playlist and segments. Asking for them is what keeps a
 * pulled camera's encoder running (the gateway starts it on the first request and stops it after its
 * grace period). Until its first segment exists the playlist answers 503 with Retry-After.
 */
export function registerVideoRoutes(app: FastifyInstance, d: VideoRouteDeps): void {
  void app.register(async (video) => {
    // Every answer, refusals included, so a tile on another origin can read why it was refused.
    video.addHook('onSend', async (req, reply) => {
      if (d.cors) reply.headers(d.cors(req.headers.origin));
    });
    registerStreamRoute(video, d);
  });
}

function registerStreamRoute(app: FastifyInstance, d: VideoRouteDeps): void {
  app.get<{ Params: { camera: string; file: string } }>(
    '/video/:camera/:file',
    // `?vt=`: tiles on the hall's extra host names send a URL ticket instead of the header (no preflight).
    { config: { access: 'video.read', ticket: 'video' }, schema: { hide: true } },
    async (req, reply) => {
      const { camera, file } = req.params;
      if (!CAMERA.test(camera) || !FILE.test(file) || !d.visible(req.principal, camera)) return reply.code(404).send({ error: 'not-found', message: 'no such camera stream' });
      d.gateway.demand(camera);
      const full = path.join(d.videoRoot, camera, file);
      const st = await stat(full).catch(() => undefined);
      if (!st?.isFile()) {
        const starting = d.gateway.has(camera) && file.endsWith('.m3u8');
        if (starting) return reply.code(503).header('retry-after', '1').send({ error: 'starting', message: `camera ${camera} is starting (${d.gateway.health(camera)?.state ?? 'unknown'})` });
        return reply.code(404).send({ error: 'not-found', message: 'no such segment (it may have left the live window)' });
      }
      const playlist = file.endsWith('.m3u8');
      reply
        .header('content-type', playlist ? 'application/vnd.apple.mpegurl' : 'video/mp2t')
        .header('content-length', String(st.size))
        // Live playlists change every second; segments never change once written.
        .header('cache-control', playlist ? 'no-cache, no-store' : 'private, max-age=120, immutable');
      return reply.send(createReadStream(full));
    },
  );
}
