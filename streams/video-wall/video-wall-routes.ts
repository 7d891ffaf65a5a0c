import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ApiError } from '../../app/hall/api-error';
import { TourPause, VideoWallState, VideoWallUpdate } from '../../app/video-wall/video-wall';
import type { UpdateResult } from '../../app/video-wall/video-wall-update';
import type { Principal } from '../auth/auth';

export type TourCommand = 'pause' | 'resume' | 'next';
export type CommandResult = { ok: true; state: VideoWallState } | { ok: false; status: 409; error: string; message: string };

export interface VideoWallRouteDeps {
  state(): VideoWallState;
  update(u: VideoWallUpdate, by: string): UpdateResult;
  tour(command: TourCommand, by: string, pause: TourPause): CommandResult;
}

const bearer = { security: [{ bearer: [] }] };
const who = (p: Principal | undefined) => (p?.name ?? p?.role ?? 'operator').slice(0, 64);

/** `/api/video-wall`: the CCTV wall every window shows — read it, change it, drive its tour. */
export function registerVideoWallRoutes(app: FastifyInstance, d: VideoWallRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/video-wall',
    { config: { access: 'cameras.read' }, schema: { summary: 'The CCTV wall: split, the camera per cell, pins, tour, maximised cell', ...bearer, response: { 200: VideoWallState } } },
    () => d.state(),
  );

  api.put(
    '/api/video-wall',
    {
      config: { access: 'wall.control' },
      schema: {
        summary: 'Change the CCTV wall on every window (what the body leaves out stays); `version` guards against a concurrent change',
        ...bearer,
        body: VideoWallUpdate,
        response: { 200: VideoWallState, 400: ApiError, 409: ApiError },
      },
    },
    async (req, reply) => {
      const r = d.update(req.body, who(req.principal));
      return r.ok ? r.state : reply.code(r.status).send({ error: r.error, message: r.message });
    },
  );

  api.post(
    '/api/video-wall/tour/:command',
    {
      config: { access: 'wall.control' },
      // A bare POST (no body) is a plain command: an operator's open-ended pause, a resume, a next page.
      preValidation: async (req) => {
        if (req.body === undefined || req.body === null) req.body = {};
      },
      schema: {
        summary: 'Pause (optionally for some seconds, naming why: operator, alarm, video-case), resume, or turn the tour to its next page',
        ...bearer,
        params: Type.Object({ command: Type.Union([Type.Literal('pause'), Type.Literal('resume'), Type.Literal('next')]) }),
        body: TourPause,
        response: { 200: VideoWallState, 409: ApiError },
      },
    },
    async (req, reply) => {
      const r = d.tour(req.params.command, who(req.principal), req.body);
      return r.ok ? r.state : reply.code(r.status).send({ error: r.error, message: r.message });
    },
  );
}
