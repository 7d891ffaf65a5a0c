import Type, { type Static } from 'typebox';
import { PatrolState, UnitId } from '../patrol/patrol';
import { CameraState } from '../camera/camera';

/**
 * The `/live` WebSocket protocol (ARCHITECTURE.md): the client says hello, the server answers with a
 * snapshot, then batched deltas carrying contiguous sequence numbers. Resuming with `lastSeq` replays
 * what was missed, or falls back to a fresh snapshot.
 */
export const LIVE_PROTOCOL_VERSION = 1;

export const ClientHello = Type.Object(
  {
    type: Type.Literal('hello'),
    protocol: Type.Literal(LIVE_PROTOCOL_VERSION),
    /** Which surface is asking: a wall window, the operator console, a sub-centre wall. */
    surface: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }),
    token: Type.Optional(Type.String({ maxLength: 512 })),
    /** The server epoch and last sequence number this client applied, to resume without a new snapshot. */
    epoch: Type.Optional(Type.String({ maxLength: 64 })),
    lastSeq: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type ClientHello = Static<typeof ClientHello>;

export const ClientPong = Type.Object({ type: Type.Literal('pong'), t: Type.Number() }, { additionalProperties: false });
export type ClientPong = Static<typeof ClientPong>;

export const ClientMessage = Type.Union([ClientHello, ClientPong]);
export type ClientMessage = Static<typeof ClientMessage>;

export const Snapshot = Type.Object({
  type: Type.Literal('snapshot'),
  /** Changes whenever the server restarts: sequence numbers only compare within one epoch. */
  epoch: Type.String(),
  seq: Type.Integer({ minimum: 0 }),
  serverTime: Type.Number(),
  patrols: Type.Array(PatrolState),
  cameras: Type.Array(CameraState),
});
export type Snapshot = Static<typeof Snapshot>;

export const Delta = Type.Object({
  type: Type.Literal('delta'),
  seq: Type.Integer({ minimum: 1 }),
  serverTime: Type.Number(),
  /** Upserts: the latest state of each patrol that changed in this tick. */
  patrols: Type.Optional(Type.Array(PatrolState)),
  patrolsRemoved: Type.Optional(Type.Array(UnitId)),
  cameras: Type.Optional(Type.Array(CameraState)),
});
export type Delta = Static<typeof Delta>;

export const ServerPing = Type.Object({ type: Type.Literal('ping'), t: Type.Number() });
export type ServerPing = Static<typeof ServerPing>;

export const ServerError = Type.Object({
  type: Type.Literal('error'),
  code: Type.String(),
  message: Type.String(),
});
export type ServerError = Static<typeof ServerError>;

export const ServerMessage = Type.Union([Snapshot, Delta, ServerPing, ServerError]);
export type ServerMessage = Static<typeof ServerMessage>;
