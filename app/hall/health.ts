import Type, { type Static } from 'typebox';

/** `GET /api/health`: liveness plus what an installer needs to know (where terminals publish). */
export const Health = Type.Object({
  ok: Type.Boolean(),
  version: Type.String(),
  /** The MQTT broker URL terminals should use (embedded or external). */
  mqtt: Type.String(),
  broker: Type.Union([Type.Literal('embedded'), Type.Literal('external')]),
  brokerConnected: Type.Boolean(),
  uptimeS: Type.Number(),
  patrols: Type.Object({ total: Type.Integer(), online: Type.Integer() }),
  cameras: Type.Object({ total: Type.Integer(), online: Type.Integer() }),
  live: Type.Object({ epoch: Type.String(), seq: Type.Integer(), clients: Type.Integer() }),
  db: Type.Object({
    engine: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
    ready: Type.Boolean(),
    error: Type.Optional(Type.String()),
    pendingTracks: Type.Integer(),
  }),
  /** This server's id among the hall servers sharing a broker. */
  instance: Type.String(),
});
export type Health = Static<typeof Health>;
