import Type, { type Static } from 'typebox';

/** One channel's changes another hall server accepted; `upsert` items carry the server time they arrived. */
export const ClusterChange = Type.Object({
  upsert: Type.Optional(Type.Array(Type.Object({ item: Type.Unknown(), at: Type.Number() }))),
  remove: Type.Optional(Type.Array(Type.String({ maxLength: 128 }))),
  append: Type.Optional(Type.Array(Type.Unknown())),
});
export type ClusterChange = Static<typeof ClusterChange>;

/**
 * What hall servers sharing one broker tell each other every tick (topic `<prefix>_cluster/state`),
 * signed with the hall secret. Each terminal message is ingested by exactly one server (MQTT shared
 * subscription); the channel changes it derives are broadcast here so every server can serve every wall
 * its whole scope. Items are checked against their channel schema on arrival, like any input.
 */
export const ClusterMessage = Type.Object({
  v: Type.Literal(2),
  /** The sending server's instance id; a server ignores its own messages. */
  from: Type.String({ maxLength: 64 }),
  /** The sender's clock when it sent this; stale messages (replays) are dropped. */
  at: Type.Number(),
  channels: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9-]{0,31}$' }), ClusterChange, { additionalProperties: false }),
});
export type ClusterMessage = Static<typeof ClusterMessage>;
