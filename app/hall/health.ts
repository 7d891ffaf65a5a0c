import Type, { type Static } from 'typebox';

/** A module's own section of the health document (counts and flags only, never personal data). */
export const HealthSection = Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Boolean()]));
export type HealthSection = Static<typeof HealthSection>;

/**
 * `GET /api/health`: liveness plus what an installer needs to know (where terminals publish). Open to
 * anyone: it carries no personal data. Each hall module may add a section under its own name
 * (`patrols: {total, online}`, `cameras: {total, online}`, …).
 */
export const Health = Type.Object(
  {
    ok: Type.Boolean(),
    version: Type.String(),
    /** The MQTT broker URL terminals should use (embedded or external). */
    mqtt: Type.String(),
    broker: Type.Union([Type.Literal('embedded'), Type.Literal('external')]),
    brokerConnected: Type.Boolean(),
    uptimeS: Type.Number(),
    live: Type.Object({ epoch: Type.String(), seq: Type.Integer(), clients: Type.Integer(), protocol: Type.Integer() }),
    db: Type.Object({
      engine: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
      ready: Type.Boolean(),
      error: Type.Optional(Type.String()),
    }),
    /** This server's id among the hall servers sharing a broker. */
    instance: Type.String(),
  },
  { additionalProperties: HealthSection },
);
export type Health = Static<typeof Health>;
