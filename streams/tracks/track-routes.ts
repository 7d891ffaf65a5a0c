import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ApiError } from '../../app/hall/api-error';
import { inScope } from '../../app/live/scope';
import { UnitId, type PatrolState } from '../../app/patrol/patrol';
import { TrackPage } from '../../app/patrol/track';
import type { HallDb } from '../hall/hall-module';
import { parseTimestamp } from '../ingest/intake-policy';
import { readTrack } from './track-store';

export interface TrackRouteLimits {
  /** The widest window one request may ask for. */
  maxRangeMs: number;
  /** Points per page: the default, and the most a request may ask for. */
  defaultPoints: number;
  maxPoints: number;
}

export const TRACK_LIMITS: TrackRouteLimits = { maxRangeMs: 24 * 3_600_000, defaultPoints: 10_000, maxPoints: 50_000 };

/**
 * `GET /api/patrols/{unitId}/track`: a patrol's stored track, oldest first, a page at a time. A window
 * is at most a day; a page is at most `maxPoints`, and `next` says where the following page starts.
 */
export function registerTrackRoutes(app: FastifyInstance, db: HallDb, patrol: (unitId: string) => PatrolState | undefined, limits = TRACK_LIMITS): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/patrols/:unitId/track',
    {
      config: { access: 'tracks.read' },
      schema: {
        summary: 'A patrol’s stored track between two times, oldest first, paged (replay)',
        security: [{ bearer: [] }],
        params: Type.Object({ unitId: UnitId }),
        querystring: Type.Object({
          from: Type.Optional(Type.String({ maxLength: 40, description: 'epoch ms or ISO 8601; default one hour before `to`' })),
          to: Type.Optional(Type.String({ maxLength: 40, description: 'epoch ms or ISO 8601; default now; at most 24 h after `from`' })),
          limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,7}$', description: `points per page, 1–${limits.maxPoints} (default ${limits.defaultPoints})` })),
        }),
        response: {
          200: TrackPage,
          400: ApiError,
          403: ApiError,
          503: ApiError,
        },
      },
    },
    async (req, reply) => {
      const to = req.query.to === undefined ? Date.now() : parseTimestamp(req.query.to);
      const from = req.query.from === undefined ? (to === undefined ? undefined : to - 3_600_000) : parseTimestamp(req.query.from);
      if (from === undefined || to === undefined || from > to) {
        return reply.code(400).send({ error: 'bad-range', message: '`from` and `to` must be epoch ms or ISO 8601 times, with from ≤ to.' });
      }
      if (to - from > limits.maxRangeMs) {
        return reply.code(400).send({ error: 'range-too-wide', message: `Ask for at most ${limits.maxRangeMs / 3_600_000} hours at a time.` });
      }
      const scope = req.principal?.scope;
      if (scope) {
        const p = patrol(req.params.unitId);
        if (!p || !inScope(scope, p)) return reply.code(403).send({ error: 'out-of-scope', message: 'This patrol is not in your streets now.' });
      }
      const q = db.current();
      if (!q) return reply.code(503).send({ error: 'database-starting', message: 'The track database is still opening; try again in a few seconds.' });
      const limit = req.query.limit === undefined ? limits.defaultPoints : Number(req.query.limit);
      if (limit < 1 || limit > limits.maxPoints) {
        return reply.code(400).send({ error: 'bad-limit', message: `limit must be from 1 to ${limits.maxPoints}.` });
      }
      const points = await readTrack(q, req.params.unitId, from, to, limit + 1);
      const truncated = points.length > limit;
      const page = truncated ? points.slice(0, limit) : points;
      const body = { unitId: req.params.unitId, from, to, points: page, truncated };
      return truncated ? { ...body, next: (page.at(-1)?.ts ?? from) + 1 } : body;
    },
  );
}
