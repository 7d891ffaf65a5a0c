import { useEffect, useRef, useState } from 'react';
import type { CameraState } from '../../app/camera/camera';
import type { LocalizedText } from '../../app/city/city';
import { cameraChannel } from '../../app/camera/camera-channel';
import { surfaceAuthorization } from '../access/surface';
import { useI18n } from '../i18n/use-i18n';
import { useLatest } from '../live/live-store';
import type { PanelProps } from '../wall/contributions';
import { WallHlsPlayer, type PlayerStatus } from './hls-player';

const REASONS: Record<string, LocalizedText> = {
  'ffmpeg-missing': { zh: '视频网关未找到 ffmpeg', en: 'The video gateway has no ffmpeg' },
  starting: { zh: '摄像机启动中', en: 'Camera starting' },
  stalled: { zh: '画面停滞，正在重连', en: 'Picture stalled, reconnecting' },
  error: { zh: '视频流中断，正在重连', en: 'Stream interrupted, reconnecting' },
  exited: { zh: '编码器退出，正在重启', en: 'Encoder stopped, restarting' },
  'reported-offline': { zh: '视频平台报告摄像机离线', en: 'The video platform reports this camera offline' },
};
const NO_SIGNAL: LocalizedText = { zh: '无信号', en: 'No signal' };

/** One CCTV tile: live HLS with the camera's name, a LIVE badge and its delay, or a plain "no signal". */
export function CameraTile({ camera }: { camera: CameraState | undefined }) {
  const video = useRef<HTMLVideoElement>(null);
  const { l } = useI18n();
  const [status, setStatus] = useState<PlayerStatus>({ kind: 'connecting' });
  const online = camera?.online ?? false;
  const hls = camera?.hls;

  useEffect(() => {
    if (!online || !hls || !video.current) return;
    const player = new WallHlsPlayer(video.current, hls, setStatus, { authorization: surfaceAuthorization() });
    player.start();
    return () => player.destroy();
  }, [online, hls]);

  let overlay: string | undefined;
  let detail: string | undefined;
  if (!camera) overlay = l({ zh: '未配置摄像机', en: 'No camera configured' });
  else if (!online) {
    overlay = l(NO_SIGNAL);
    detail = l(REASONS[camera.reason ?? ''] ?? NO_SIGNAL);
  } else if (status.kind === 'connecting') overlay = l({ zh: '连接中…', en: 'Connecting…' });
  else if (status.kind === 'no-signal') {
    overlay = l(NO_SIGNAL);
    detail = l(REASONS[status.reason] ?? NO_SIGNAL);
  }

  return (
    <figure className="camera-tile" data-testid="camera-tile" data-status={overlay ? 'no-signal' : 'playing'}>
      <div className="camera-picture">
        <video ref={video} muted playsInline autoPlay disablePictureInPicture />
        {overlay && (
          <div className="camera-overlay">
            <strong>{overlay}</strong>
            {detail && detail !== overlay && <span>{detail}</span>}
          </div>
        )}
      </div>
      <figcaption>
        <span className="camera-name">{camera?.name ?? '—'}</span>
        {!overlay && (
          <span className="camera-live">
            <i /> {l({ zh: '直播', en: 'LIVE' })}
            {status.kind === 'playing' && status.latencyS !== undefined && <em>{l({ zh: '延迟 {s} 秒', en: 'Delay {s} s' }, { s: status.latencyS.toFixed(1) })}</em>}
          </span>
        )}
      </figcaption>
    </figure>
  );
}

/** The first camera of the surface's scope (the 1080p desk's single tile). */
export function FirstCamera(_props: PanelProps) {
  const cameras = useLatest(cameraChannel);
  const first = [...cameras.values()].sort((a, b) => a.id.localeCompare(b.id))[0];
  return <CameraTile camera={first} />;
}

/** All cameras in a grid of 1, 4 or 9 tiles, by how many there are (the CCTV issue brings layouts and tours). */
export function CameraGrid(_props: PanelProps) {
  const cameras = [...useLatest(cameraChannel).values()].sort((a, b) => a.id.localeCompare(b.id));
  const side = cameras.length <= 1 ? 1 : cameras.length <= 4 ? 2 : 3;
  const tiles = cameras.slice(0, side * side);
  return (
    <div className="camera-grid" style={{ gridTemplateColumns: `repeat(${side}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${side}, minmax(0, 1fr))` }} data-testid="camera-grid">
      {tiles.length ? tiles.map((c) => <CameraTile key={c.id} camera={c} />) : <CameraTile camera={undefined} />}
    </div>
  );
}
