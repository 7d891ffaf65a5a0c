import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ApiError } from '../../app/hall/api-error';
import { inScope } from '../../app/live/scope';
import { PatrolState, UnitId } from '../../app/patrol/patrol';
import { PositionFixes } from '../../app/patrol/position-fix';
import type { PatrolRegistry } from './patrol-registry';
import type { PositionIntake } from './position-intake';

const RejectedFix = Type.Object({ index: Type.Integer(), reason: Type.String() });
const FixesOutcome = Type.Object({ accepted: Type.Integer(), duplicate: Type.Integer(), outOfOrder: Type.Integer(), rejected: Type.Array(RejectedFix) });

const REFUSALS = {
  'not-bound': [403, 'This terminal token is bound to other units.'],
  'too-many-units': [403, 'This token has already spoken for as many units as it may (UNITS_PER_TOKEN).'],
  'rate-limited': [429, 'This unit sends faster than allowed; slow down.'],
} as const;

/** Patrols: current state, and fixes over HTTP for terminals without MQTT. */
export function registerPatrolRoutes(app: FastifyInstance, registry: PatrolRegistry, intake: PositionIntake): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/patrols',
    { config: { access: 'patrols.read' }, schema: { summary: 'Current state of every patrol (in the caller’s scope)', security: [{ bearer: [] }], response: { 200: Type.Array(PatrolState) } } },
    (req) => registry.list().filter((p) => inScope(req.principal?.scope, p)),
  );

  api.post(
    '/api/patrols/:unitId/positions',
    {
      config: { access: 'positions.write' },
      schema: {
        summary: 'GPS fixes from a terminal without MQTT: one fix or an array (same fields as the MQTT payload)',
        params: Type.Object({ unitId: UnitId }),
        // Documented here; the body is judged fix by fix by the intake, so HTTP and MQTT refuse and count alike.
        body: PositionFixes,
        security: [{ bearer: [] }],
        response: { 200: FixesOutcome, 400: ApiError, 401: ApiError, 403: ApiError, 422: Type.Intersect([ApiError, FixesOutcome]), 429: ApiError },
      },
      attachValidation: true,
    },
    async (req, reply) => {
      if (req.validationError?.validationContext === 'params') {
        return reply.code(400).send({ error: 'bad-unit-id', message: 'A unit id is 1–64 letters, digits, _ . or -.' });
      }
      const r = intake.take(req.params.unitId, req.body, Date.now(), 'http', req.principal);
      if ('refused' in r) {
        const [code, message] = REFUSALS[r.refused];
        return reply.code(code).send({ error: r.refused, message });
      }
      if (r.accepted + r.duplicate + r.outOfOrder === 0 && r.rejected.length) {
        return reply.code(422).send({ error: 'rejected', message: `No fix accepted: ${[...new Set(r.rejected.map((x) => x.reason))].join(', ')}.`, ...r });
      }
      return r;
    },
  );
}
