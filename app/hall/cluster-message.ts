import Type, { type Static } from 'typebox';
import { CameraState } from '../camera/camera';
import { PatrolState } from '../patrol/patrol';
import { ReportState } from '../report/inspector-report';

/**
 * What hall servers sharing one broker tell each other every tick (topic `<prefix>_cluster/state`).
 * Each fix is ingested by exactly one server (MQTT shared subscription); the state it derives is
 * broadcast here so every server can serve every wall its whole scope.
 */
export const ClusterState = Type.Object({
  v: Type.Literal(1),
  /** The sending server's instance id; a server ignores its own messages. */
  from: Type.String({ maxLength: 64 }),
  /** Patrol states with the server time each fix arrived, for silence tracking. */
  patrols: Type.Optional(Type.Array(Type.Object({ state: PatrolState, seenAt: Type.Number() }))),
  reports: Type.Optional(Type.Array(ReportState)),
  cameras: Type.Optional(Type.Array(CameraState)),
});
export type ClusterState = Static<typeof ClusterState>;
