import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ApiError } from '../../app/hall/api-error';
import { PatrolState, UnitId } from '../../app/patrol/patrol';
import { PositionFixes } from '../../app/patrol/position-fix';
import type { TokenRoles } from '../auth/tokens';
import type { Db } from '../db/db';
import { parseTimestamp } from '../ingest/decode-fix';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import { readTrack } from '../tracks/track-queries';

const TrackPoint = Type.Object({
  ts: Type.Number(),
  lon: Type.Number(),
  lat: Type.Number(),
  speed: Type.Optional(Type.Number()),
  heading: Type.Optional(Type.Number()),
});

const RejectedFix = Type.Object({ index: Type.Integer(), reason: Type.String() });
const FixesOutcome = Type.Object({ accepted: Type.Integer(), duplicate: Type.Integer(), outOfOrder: Type.Integer(), rejected: Type.Array(RejectedFix) });

export interface PatrolRouteDeps {
  patrols: () => PatrolState[];
  ingest: IngestPipeline;
  db: () => Db | undefined;
  auth: TokenRoles;
  maxTrackPoints: number;
}

/** Patrols: current state, replay of a track, and fixes over HTTP for terminals without MQTT. */
export function registerPatrolRoutes(app: FastifyInstance, deps: PatrolRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get('/api/patrols', { schema: { summary: 'Current state of every patrol', response: { 200: Type.Array(PatrolState) } } }, () => deps.patrols());

  api.get(
    '/api/patrols/:unitId/track',
    {
      schema: {
        summary: 'A patrol’s stored track between two times, oldest first (replay)',
        params: Type.Object({ unitId: UnitId }),
        querystring: Type.Object({
          from: Type.Optional(Type.String({ description: 'epoch ms or ISO 8601; default one hour before `to`' })),
          to: Type.Optional(Type.String({ description: 'epoch ms or ISO 8601; default now' })),
        }),
        response: {
          200: Type.Object({ unitId: Type.String(), from: Type.Number(), to: Type.Number(), points: Type.Array(TrackPoint), truncated: Type.Boolean() }),
          400: ApiError,
          503: ApiError,
        },
      },
    },
    async (req, reply) => {
      const to = req.query.to === undefined ? Date.now() : parseTimestamp(req.query.to);
      const from = req.query.from === undefined && to !== undefined ? to - 3_600_000 : parseTimestamp(req.query.from ?? '');
      if (from === undefined || to === undefined || from > to) {
        return reply.code(400).send({ error: 'bad-range', message: '`from` and `to` must be epoch ms or ISO 8601 times, with from ≤ to.' });
      }
      const db = deps.db();
      if (!db) return reply.code(503).send({ error: 'database-starting', message: 'The track database is still opening; try again in a few seconds.' });
      const points = await readTrack(db, req.params.unitId, from, to, deps.maxTrackPoints + 1);
      const truncated = points.length > deps.maxTrackPoints;
      return { unitId: req.params.unitId, from, to, points: truncated ? points.slice(0, deps.maxTrackPoints) : points, truncated };
    },
  );

  api.post(
    '/api/patrols/:unitId/positions',
    {
      preHandler: deps.auth.require('terminal'),
      schema: {
        summary: 'GPS fixes from a terminal without MQTT: one fix or an array (same fields as the MQTT payload)',
        params: Type.Object({ unitId: UnitId }),
        // Documented here; validated by the ingest pipeline itself, so HTTP and MQTT refuse and count alike.
        body: PositionFixes,
        security: [{ bearer: [] }],
        response: {
          200: FixesOutcome,
          401: ApiError,
          403: ApiError,
          422: Type.Intersect([ApiError, FixesOutcome]),
          429: ApiError,
        },
      },
      attachValidation: true,
    },
    async (req, reply) => {
      const r = deps.ingest.onHttpFixes(req.params.unitId, req.body);
      if ('limited' in r) return reply.code(429).send({ error: 'rate-limited', message: 'This unit sends faster than allowed; slow down.' });
      if (r.accepted + r.duplicate + r.outOfOrder === 0 && r.rejected.length) {
        return reply.code(422).send({ error: 'rejected', message: `No fix accepted: ${[...new Set(r.rejected.map((x) => x.reason))].join(', ')}.`, ...r });
      }
      return r;
    },
  );
}
