import { cameraDetail, type CameraReason, type CameraState } from '../../app/camera/camera';
import type { CameraHealth } from '../../app/camera/camera-view';
import { redactText } from '../../app/camera/redact-url';
import type { GatewayHealth } from '../video/gateway/gateway-types';

/** What a camera's live state says about its health. */
export type HealthFields = Pick<CameraState, 'online' | 'reason' | 'detail' | 'state'>;

/** A reason as it may be shown: one printable line, URLs redacted (the gateway redacts too; this is the second lock). */
export const safeReason = (text: string): string => cameraDetail(redactText(text));

/**
 * The gateway's health as the live state carries it. `online` stays true while the camera is idle,
 * queued or starting, so a tile keeps asking for the stream (which is what starts it, on demand).
 */
export function pulledFields(h: GatewayHealth | undefined, ffmpegMissing: boolean): HealthFields {
  const detail = h?.reason ? { detail: safeReason(h.reason) } : {};
  switch (h?.state) {
    case undefined:
    case 'idle':
      return { online: true, state: 'idle' };
    case 'queued':
    case 'starting':
      return { online: true, reason: 'starting', state: h.state, ...detail };
    case 'up':
      return { online: true, state: 'up' };
    case 'reconnecting':
      return { online: false, reason: 'error', state: 'reconnecting', ...detail };
    case 'down': {
      const reason: CameraReason = ffmpegMissing ? 'ffmpeg-missing' : 'error';
      return { online: false, reason, state: 'down', ...detail };
    }
  }
}

/** A camera whose stored source the policy now refuses (the allowed hosts changed): down, with why. */
export function refusedFields(reason: string): HealthFields {
  return { online: false, reason: 'error', state: 'down', detail: safeReason(reason) };
}

/** The health `GET /api/cameras/{id}` gives. */
export function healthView(state: CameraState, gateway: GatewayHealth | undefined, refused: string | undefined): CameraHealth {
  if (refused) return { state: 'down', reason: safeReason(refused), since: state.statusAt };
  if (gateway) {
    return {
      state: gateway.state,
      ...(gateway.reason ? { reason: safeReason(gateway.reason) } : {}),
      since: gateway.since,
      restarts: gateway.restarts,
      ...(gateway.lastSegmentAt !== undefined ? { lastSegmentAt: gateway.lastSegmentAt } : {}),
    };
  }
  // Played straight from a video platform: the hall knows only what the platform reports.
  if (state.state === 'direct' || state.state === undefined) {
    return state.online ? { state: 'direct', since: state.statusAt } : { state: 'down', reason: state.reason === 'reported-offline' ? 'the video platform reports it offline' : (state.detail ?? 'offline'), since: state.statusAt };
  }
  return { state: state.state, ...(state.detail ? { reason: safeReason(state.detail) } : {}), since: state.statusAt };
}
