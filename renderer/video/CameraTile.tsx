import { useEffect, useRef, useState } from 'react';
import type { CameraState } from '../../app/camera/camera';
import { useI18n } from '../i18n/use-i18n';
import type { MessageKey } from '../i18n/messages';
import { WallHlsPlayer, type PlayerStatus } from './hls-player';

function reasonKey(reason: string | undefined): MessageKey {
  switch (reason) {
    case 'ffmpeg-missing':
    case 'starting':
    case 'stalled':
    case 'error':
    case 'reported-offline':
      return `video.reason.${reason}`;
    default:
      return 'video.noSignal';
  }
}

/** One CCTV tile: live HLS with the camera's name, a LIVE badge and its delay, or a plain "no signal". */
export function CameraTile({ camera }: { camera: CameraState | undefined }) {
  const video = useRef<HTMLVideoElement>(null);
  const { t } = useI18n();
  const [status, setStatus] = useState<PlayerStatus>({ kind: 'connecting' });
  const online = camera?.online ?? false;
  const hls = camera?.hls;

  useEffect(() => {
    if (!online || !hls || !video.current) return;
    const player = new WallHlsPlayer(video.current, hls, setStatus);
    player.start();
    return () => player.destroy();
  }, [online, hls]);

  let overlay: string | undefined;
  let detail: string | undefined;
  if (!camera) overlay = t('video.none');
  else if (!online) {
    overlay = t('video.noSignal');
    detail = t(reasonKey(camera.reason));
  } else if (status.kind === 'connecting') overlay = t('video.connecting');
  else if (status.kind === 'no-signal') {
    overlay = t('video.noSignal');
    detail = t(reasonKey(status.reason));
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
            <i /> {t('video.live')}
            {status.kind === 'playing' && status.latencyS !== undefined && (
              <em>{t('video.latency', { s: status.latencyS.toFixed(1) })}</em>
            )}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
