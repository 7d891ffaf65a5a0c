import Type, { type Static } from 'typebox';
import { LiveScope } from './scope';

/**
 * The `/live` WebSocket protocol (docs/architecture.md, "Live protocol"). The client says hello with its
 * token; the server answers with a snapshot of every channel, then deltas. Every delta covers a contiguous
 * range of sequence numbers [from, seq]; ticks with nothing for a surface are folded into the next delta,
 * and pings carry the sequence the surface is up to date with. Resuming with (epoch, lastSeq) replays
 * what was missed, else a snapshot.
 *
 * Version 2 carries named channels (`patrols`, `reports`, `cameras`, …) instead of fixed fields. The
 * envelope is checked here; each item is checked against its channel's own schema, one by one, so one
 * bad item is dropped on its own and never takes the rest of a message with it.
 */
export const LIVE_PROTOCOL_VERSION = 2;

const ChannelName = Type.String({ pattern: '^[a-z][a-z0-9-]{0,31}$' });

export const ClientHello = Type.Object(
  {
    type: Type.Literal('hello'),
    protocol: Type.Literal(LIVE_PROTOCOL_VERSION),
    /** Which surface is asking: a wall window, the operator console, a sub-centre wall. */
    surface: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }),
    /** The surface's token (role wall, operator, leader, exhibit, subcentre or admin). */
    token: Type.String({ minLength: 1, maxLength: 512 }),
    /** What part of the city to send; must lie within what the token allows. Absent: all the token allows. */
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

/** A surface tells the hall it dropped items it could not accept (rate-limited on the surface). */
export const ClientProblem = Type.Object(
  {
    type: Type.Literal('problem'),
    channel: Type.String({ maxLength: 32 }),
    dropped: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    reason: Type.String({ maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type ClientProblem = Static<typeof ClientProblem>;

export const ClientMessage = Type.Union([ClientHello, ClientPong, ClientProblem]);
export type ClientMessage = Static<typeof ClientMessage>;

/** A channel's whole current content: `latest` channels every item, `append` channels the newest, oldest first. */
export const ChannelSnapshot = Type.Object({ items: Type.Array(Type.Unknown()) });
export type ChannelSnapshot = Static<typeof ChannelSnapshot>;

export const Snapshot = Type.Object({
  type: Type.Literal('snapshot'),
  /** Changes whenever the server restarts: sequence numbers only compare within one epoch. */
  epoch: Type.String({ maxLength: 64 }),
  seq: Type.Integer({ minimum: 0 }),
  serverTime: Type.Number(),
  /** The scope this surface is served (what it asked for, within its token). */
  scope: Type.Optional(LiveScope),
  channels: Type.Record(ChannelName, ChannelSnapshot, { additionalProperties: false }),
});
export type Snapshot = Static<typeof Snapshot>;

/** One channel's changes within a delta. `append` items come oldest first. */
export const ChannelChange = Type.Object({
  upsert: Type.Optional(Type.Array(Type.Unknown())),
  remove: Type.Optional(Type.Array(Type.String({ maxLength: 128 }))),
  append: Type.Optional(Type.Array(Type.Unknown())),
});
export type ChannelChange = Static<typeof ChannelChange>;

export const Delta = Type.Object({
  type: Type.Literal('delta'),
  /** First sequence number this delta covers; absent means `seq` (a single tick). */
  from: Type.Optional(Type.Integer({ minimum: 1 })),
  /** Last sequence number this delta covers. */
  seq: Type.Integer({ minimum: 1 }),
  serverTime: Type.Number(),
  channels: Type.Record(ChannelName, ChannelChange, { additionalProperties: false }),
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
  /** Stable, for programs: unauthorized, forbidden-scope, bad-message, hello-timeout … */
  code: Type.String({ maxLength: 64 }),
  /** One sentence for people. */
  message: Type.String({ maxLength: 500 }),
});
export type ServerError = Static<typeof ServerError>;

export const ServerMessage = Type.Union([Snapshot, Delta, ServerPing, ServerError]);
export type ServerMessage = Static<typeof ServerMessage>;

/** Close codes the server uses, so a surface knows whether retrying can help. */
export const LIVE_CLOSE = {
  /** Token missing, unknown, or of a role that may not open /live: retrying with the same token won't help. */
  unauthorized: 4401,
  /** The asked scope is outside the token's. */
  forbidden: 4403,
  helloTimeout: 4000,
  tooSlow: 4008,
} as const;
