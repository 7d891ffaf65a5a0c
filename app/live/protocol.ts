import Type, { type Static } from 'typebox';
import { CameraState } from '../camera/camera';
import { PatrolState, UnitId } from '../patrol/patrol';
import { ReportState } from '../report/inspector-report';
import { LiveScope } from './scope';

/**
 * The `/live` WebSocket protocol (ARCHITECTURE.md). The client says hello; the server answers with a
 * snapshot, then deltas. Every delta covers a contiguous range of sequence numbers [from, seq]; ticks
 * with nothing in a surface's scope are folded into the next delta, and pings carry the sequence the
 * surface is up to date with. Resuming with (epoch, lastSeq) replays what was missed, else a snapshot.
 */
export const LIVE_PROTOCOL_VERSION = 1;

export const ClientHello = Type.Object(
  {
    type: Type.Literal('hello'),
    protocol: Type.Literal(LIVE_PROTOCOL_VERSION),
    /** Which surface is asking: a wall window, the operator console, a sub-centre wall. */
    surface: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }),
    token: Type.Optional(Type.String({ maxLength: 512 })),
    scope: Type.Optional(LiveScope),
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
  scope: Type.Optional(LiveScope),
  patrols: Type.Array(PatrolState),
  cameras: Type.Array(CameraState),
  /** Recent inspector reports, newest first. */
  reports: Type.Array(ReportState),
});
export type Snapshot = Static<typeof Snapshot>;

export const Delta = Type.Object({
  type: Type.Literal('delta'),
  /** First sequence number this delta covers; absent means `seq` (a single tick). */
  from: Type.Optional(Type.Integer({ minimum: 1 })),
  /** Last sequence number this delta covers. */
  seq: Type.Integer({ minimum: 1 }),
  serverTime: Type.Number(),
  /** Upserts: the latest state of each patrol that changed. */
  patrols: Type.Optional(Type.Array(PatrolState)),
  /** Patrols that left this surface's scope (or the hall). */
  patrolsRemoved: Type.Optional(Type.Array(UnitId)),
  cameras: Type.Optional(Type.Array(CameraState)),
  /** New inspector reports, oldest first. Never coalesced away. */
  reports: Type.Optional(Type.Array(ReportState)),
});
export type Delta = Static<typeof Delta>;

export const ServerPing = Type.Object({
  type: Type.Literal('ping'),
  t: Type.Number(),
  /** Everything up to this sequence number has been delivered to this surface. */
  seq: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type ServerPing = Static<typeof ServerPing>;

export const ServerError = Type.Object({
  type: Type.Literal('error'),
  code: Type.String(),
  message: Type.String(),
});
export type ServerError = Static<typeof ServerError>;

export const ServerMessage = Type.Union([Snapshot, Delta, ServerPing, ServerError]);
export type ServerMessage = Static<typeof ServerMessage>;
