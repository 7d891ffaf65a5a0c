import type { CameraState } from '../../app/camera/camera';
import type { DvrSegment } from '../video/gateway/gateway-types';

/**
 * Where evidence comes from: a camera's DVR window on disk and what the registry knows about the camera.
 * The hall's adapter reads the cameras module and its gateway; a city may plug in its own archive (a VMS
 * with playback), and tests give real segments ffmpeg made in a temp dir.
 */
export interface EvidenceVideo {
  /** Segments on disk, oldest first; empty when the hall does not record the camera (an HLS it only plays). */
  dvr(cameraId: string): readonly DvrSegment[];
  camera(cameraId: string): CameraState | undefined;
  /** The ffmpeg to cut with; undefined when there is none (capture then needs the client's frame). */
  ffmpeg(): string | undefined;
  /**
   * Keeps the camera's gateway running while a clip waits for its last seconds (an on-demand gateway
   * would stop it when its tile goes away). Returns the release.
   */
  hold?(cameraId: string): () => void;
}

/** What the evidence module needs of the cameras module (its gateway arrives with the CCTV work). */
export interface CamerasForEvidence {
  get(cameraId: string): CameraState | undefined;
  gateway?(): { dvr(cameraId: string): readonly DvrSegment[]; demand?(cameraId: string): void } | undefined;
}

const HOLD_RENEW_MS = 2_000;

/** The hall's own cameras and gateway as an EvidenceVideo. */
export function camerasVideo(cameras: CamerasForEvidence, ffmpeg: () => string | undefined): EvidenceVideo {
  return {
    dvr: (id) => cameras.gateway?.()?.dvr(id) ?? [],
    camera: (id) => cameras.get(id),
    ffmpeg,
    hold: (id) => {
      // The gateway keeps a camera running for a grace period after its last demand (a tile's lease): renew it.
      const touch = () => void cameras.gateway?.()?.demand?.(id);
      touch();
      const timer = setInterval(touch, HOLD_RENEW_MS);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
