import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { Alarm, AlarmId, AlarmInput } from '../../app/alarm/alarm';
import { ApiError } from '../../app/hall/api-error';
import type { Principal } from '../auth/auth';
import type { Queryable } from '../db/db';
import type { AckResult, RaiseResult } from './alarm-desk';
import { listAlarms } from './alarm-store';

export interface AlarmRouteDeps {
  raise(body: unknown, by: string): Promise<RaiseResult>;
  ack(id: string, by: string): Promise<AckResult>;
  /** The open database, or undefined while it opens. */
  db(): Queryable | undefined;
  /** Keeps only what the schema allows (a row written by a newer hall is skipped, not served half-read). */
  valid(doc: unknown): doc is Alarm;
}

const bearer = { security: [{ bearer: [] }] };
const who = (p: Principal | undefined) => (p?.name ?? p?.role ?? 'unknown').slice(0, 64);
const ListQuery = Type.Object({
  /** 1 (or true): open alarms only. */
  open: Type.Optional(Type.String({ pattern: '^(1|0|true|false)$' })),
  /** 1–500 (default 100). */
  limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$' })),
});

/** `/api/alarms`: raise an alarm (it reaches the CCTV wall), list them, acknowledge one. */
export function registerAlarmRoutes(app: FastifyInstance, d: AlarmRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/api/alarms',
    {
      config: { access: 'alarms.write' },
      // Documented here; judged by the alarm's own check, which names the field and the kinds the hall knows.
      attachValidation: true,
      schema: {
        summary: 'Raise an alarm (a camera, or a position: the nearest camera within 200 m); an alarm with a camera pauses the tour and brings the camera onto the CCTV wall. A repeat within 30 s is counted on the open alarm (200).',
        ...bearer,
        body: AlarmInput,
        response: { 200: Alarm, 201: Alarm, 400: ApiError, 422: ApiError, 503: ApiError },
      },
    },
    async (req, reply) => {
      const r = await d.raise(req.body, who(req.principal));
      return r.ok ? reply.code(r.status).send(r.alarm) : reply.code(r.status).send({ error: r.error, message: r.message });
    },
  );

  api.get(
    '/api/alarms',
    { config: { access: 'alarms.read' }, schema: { summary: 'Alarms, the latest first (`?open=1`: unacknowledged only), in the caller’s scope', ...bearer, querystring: ListQuery, response: { 200: Type.Array(Alarm), 503: ApiError } } },
    async (req, reply) => {
      const db = d.db();
      if (!db) return reply.code(503).send({ error: 'starting', message: 'The alarm store is still opening; try again in a few seconds.' });
      const open = req.query.open === '1' || req.query.open === 'true';
      const docs = await listAlarms(db, { open, scope: req.principal?.scope, limit: Math.min(500, Number(req.query.limit ?? 100)) });
      return docs.filter(d.valid);
    },
  );

  api.post(
    '/api/alarms/:id/ack',
    {
      config: { access: 'alarms.ack' },
      schema: { summary: 'Acknowledge an alarm: it leaves the wall’s tiles and gives back the cell and the tour it held', ...bearer, params: Type.Object({ id: AlarmId }), response: { 200: Alarm, 404: ApiError, 500: ApiError, 503: ApiError } },
    },
    async (req, reply) => {
      const r = await d.ack(req.params.id, who(req.principal));
      return r.ok ? r.alarm : reply.code(r.status).send({ error: r.error, message: r.message });
    },
  );
}
