/** Why input was refused; each reason is a label of `gridwall_ingest_rejected_total`. */
export type RejectReason =
  | 'too-large'
  | 'bad-json'
  | 'bad-schema'
  | 'too-many-fixes'
  | 'bad-ts'
  | 'ts-future'
  | 'ts-too-old'
  | 'coords-swapped'
  | 'out-of-area'
  | 'rate-limited'
  | 'unknown-topic'
  | 'unknown-camera'
  | 'unknown-category'
  | 'stale-status'
  | 'not-bound'
  | 'too-many-units'
  | 'forbidden';

/** Where input came from: terminals over MQTT or HTTP, the embedded broker's own checks, another hall server. */
export type IngestSource = 'mqtt' | 'http' | 'mqtt-client' | 'cluster';
