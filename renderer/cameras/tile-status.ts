import type { CameraState } from '../../app/camera/camera';
import type { LocalizedText } from '../../app/city/city';
import type { PlayerStatus } from './hls-player';

/**
 * What a tile shows: live video, or why not. `lost` is a stream that was live and died (信号中断, since
 * when); `no-signal` one that cannot play at all (no ffmpeg, not configured); `connecting` one starting.
 */
export type TileState = 'playing' | 'connecting' | 'lost' | 'no-signal' | 'empty' | 'off-screen';

export interface TileView {
  state: TileState;
  headline?: LocalizedText;
  detail?: LocalizedText;
  /** Epoch ms the picture was lost (lost tiles). */
  since?: number;
}

const REASONS: Record<string, LocalizedText> = {
  'ffmpeg-missing': { zh: '视频网关未找到 ffmpeg', en: 'The video gateway has no ffmpeg' },
  starting: { zh: '摄像机启动中', en: 'Camera starting' },
  stalled: { zh: '画面停滞，正在重连', en: 'Picture stalled, reconnecting' },
  late: { zh: '画面时间过旧，正在重连', en: 'Picture out of date, reconnecting' },
  error: { zh: '视频流中断，正在重连', en: 'Stream interrupted, reconnecting' },
  exited: { zh: '编码器退出，正在重启', en: 'Encoder stopped, restarting' },
  'reported-offline': { zh: '视频平台报告摄像机离线', en: 'The video platform reports this camera offline' },
};

export const LOST: LocalizedText = { zh: '信号中断', en: 'Signal lost' };
export const LOST_SINCE: LocalizedText = { zh: '信号中断 · 自 {t} 起', en: 'Signal lost · since {t}' };
const NO_SIGNAL: LocalizedText = { zh: '无信号', en: 'No signal' };
const CONNECTING: LocalizedText = { zh: '连接中…', en: 'Connecting…' };
const QUEUED: LocalizedText = { zh: '排队等待视频网关', en: 'Waiting for a gateway slot' };

/** Reasons a camera that is down cannot be helped by waiting: the tile says "no signal", not "lost since". */
const NEVER: ReadonlySet<string> = new Set(['ffmpeg-missing']);

/** Whether a tile should try to play the camera: not when waiting cannot help (no ffmpeg, no reason given). */
export function canPlay(camera: CameraState | undefined): boolean {
  if (!camera) return false;
  if (camera.reason && NEVER.has(camera.reason)) return false;
  return camera.online || camera.reason !== undefined;
}

/**
 * What a tile shows for its camera (from the hall) and its player (on this surface). A camera the hall
 * reports down is still tried — asking for its stream keeps the gateway restarting it — and a picture
 * the player finds fresh by its own timestamps wins over a status that may lag.
 */
export function tileView(camera: CameraState | undefined, status: PlayerStatus, onScreen: boolean, empty: LocalizedText): TileView {
  if (!camera) return { state: 'empty', headline: empty };
  if (!canPlay(camera)) {
    const detail = REASONS[camera.reason ?? ''];
    return { state: 'no-signal', headline: NO_SIGNAL, ...(detail ? { detail } : {}) };
  }
  if (!onScreen) return { state: 'off-screen' };
  if (status.kind === 'playing') return { state: 'playing' };
  if (status.kind === 'no-signal') {
    const detail = REASONS[status.reason];
    return { state: 'lost', headline: LOST_SINCE, since: status.since, ...(detail ? { detail } : {}) };
  }
  if (camera.reason === 'starting' || camera.state === 'starting') return { state: 'connecting', headline: CONNECTING, detail: REASONS.starting as LocalizedText };
  if (camera.state === 'queued') return { state: 'connecting', headline: CONNECTING, detail: QUEUED };
  if (!camera.online) {
    const detail = REASONS[camera.reason ?? ''];
    return { state: 'lost', headline: LOST_SINCE, since: camera.statusAt, ...(detail ? { detail } : {}) };
  }
  return { state: 'connecting', headline: CONNECTING };
}
