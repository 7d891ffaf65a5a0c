/** MQTT topics under the configurable prefix (default `gridwall/v1/`); see ARCHITECTURE.md. */
export type IngestTopic =
  | { kind: 'position'; unitId: string }
  | { kind: 'report' }
  | { kind: 'camera-status'; cameraId: string }
  | { kind: 'cluster' }
  | { kind: 'unknown' };

const ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** Everything under the prefix is ingest's: known topics are taken, anything else is counted as unknown. */
export function topicFilters(prefix: string): string[] {
  return [`${prefix}#`];
}

/** Hall servers sharing a broker talk on this topic (see cluster/cluster-bus.ts). */
export function clusterTopic(prefix: string): string {
  return `${prefix}_cluster/state`;
}

export function positionTopic(prefix: string, unitId: string): string {
  return `${prefix}patrol/${unitId}/position`;
}

export function parseTopic(prefix: string, topic: string): IngestTopic {
  if (!topic.startsWith(prefix)) return { kind: 'unknown' };
  const parts = topic.slice(prefix.length).split('/');
  if (parts.length === 3 && parts[0] === 'patrol' && parts[2] === 'position' && ID.test(parts[1] ?? '')) {
    return { kind: 'position', unitId: parts[1] as string };
  }
  if (parts.length === 1 && parts[0] === 'report') return { kind: 'report' };
  if (parts.length === 2 && parts[0] === '_cluster' && parts[1] === 'state') return { kind: 'cluster' };
  if (parts.length === 3 && parts[0] === 'camera' && parts[2] === 'status' && ID.test(parts[1] ?? '')) {
    return { kind: 'camera-status', cameraId: parts[1] as string };
  }
  return { kind: 'unknown' };
}
