import type { FastifyInstance } from 'fastify';
import { VIDEO_TICKET_TTL_MS, VideoAccess } from '../../../app/video-wall/video-access';
import type { Auth, Principal } from '../../auth/auth';
import { videoOriginsFor, type VideoOriginsSetting } from './video-origins';

export interface VideoAccessDeps {
  auth: Auth;
  setting: VideoOriginsSetting;
  now(): number;
}

/** `GET /api/video/access`: a video ticket for the caller and the origins its tiles should use. */
export function registerVideoAccessRoutes(app: FastifyInstance, d: VideoAccessDeps): void {
  app.get(
    '/api/video/access',
    {
      config: { access: 'video.read' },
      schema: {
        summary: 'A short-lived ticket for live video URLs and the host names to spread tiles over',
        security: [{ bearer: [] }],
        response: { 200: VideoAccess },
      },
    },
    (req, reply) => {
      const expiresAt = d.now() + VIDEO_TICKET_TTL_MS;
      const ticket = d.auth.ticket(req.principal as Principal, 'video', expiresAt);
      // Every principal comes from a token this hall holds, so there is always one.
      if (!ticket) throw new Error('no video ticket for an authenticated credential');
      reply.header('cache-control', 'no-store');
      return { ticket, expiresAt, origins: videoOriginsFor(d.setting, req.headers.host) };
    },
  );
}

/** The CORS answer for live video fetched from another of the hall's origins: only pages of the hall itself. */
export function videoCorsHeaders(origin: string | undefined, allowed: (origin: string) => boolean): Record<string, string> {
  if (!origin || !allowed(origin)) return {};
  return { 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-max-age': '600' };
}
