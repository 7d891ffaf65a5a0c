/**
 * What the video gateway pulls and what it tells the rest of the hall. A camera's source as the
 * registry has checked it (app/camera source policy): only these ever reach ffmpeg.
 */
/** A privacy mask: a polygon in frame coordinates 0..1 (x right, y down), blanked before anything is shown or stored. */
export type PrivacyMask = ReadonlyArray<readonly [number, number]>;

export type PulledSource = (
  /** rtsp:// or rtsps:// from an IP camera or NVR; may carry credentials (never logged, never sent out). */
  | { kind: 'rtsp'; url: string }
  /** An http(s) stream (HLS or MPEG-TS) the hall pulls itself, e.g. because its URL carries credentials. */
  | { kind: 'http'; url: string }
  /** An absolute path, already checked to lie under the media dir (CAMERA_FILE_DIR): looped as a live camera. */
  | { kind: 'file'; path: string }
  /** The demo city's generated pictures: a moving pattern with the camera's name and a burned-in clock. */
  | { kind: 'synthetic'; label: string; variant: number; width?: number; height?: number; fps?: number }
) & { masks?: readonly PrivacyMask[] };

/** idle: nobody watches; queued: waits for a free encoder slot; reconnecting: restarting after a failure. */
export type GatewayState = 'idle' | 'queued' | 'starting' | 'up' | 'reconnecting' | 'down';

export interface GatewayHealth {
  state: GatewayState;
  /** Why it is not up: one printable line, credentials removed. */
  reason?: string;
  /** Epoch ms the state began. */
  since: number;
  /** Restarts after failures since the camera was registered. */
  restarts: number;
  /** Epoch ms (PROGRAM-DATE-TIME) of the newest segment written. */
  lastSegmentAt?: number;
}

/** One segment of a camera's DVR window on disk. */
export interface DvrSegment {
  /** Absolute path of the .ts file. */
  file: string;
  /** Its name in the camera's folder (as playlists refer to it). */
  name: string;
  /** Wall-clock time of its first frame (#EXT-X-PROGRAM-DATE-TIME), epoch ms. */
  start: number;
  durationMs: number;
  /** Media sequence number. */
  seq: number;
}
