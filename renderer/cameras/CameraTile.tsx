import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { useStore } from 'zustand';
import type { CameraState } from '../../app/camera/camera';
import type { CityInfo, LocalizedText } from '../../app/city/city';
import { clockTime } from '../i18n/i18n';
import { useI18n } from '../i18n/use-i18n';
import { serverNow } from '../live/live-store';
import { useNow } from '../wall/use-now';
import { AlarmMark, useCameraAlarm } from './alarm-mark';
import { abortPending, beginCapture, captureStore } from './capture/capture-store';
import { mayCapture } from './hall-send';
import { WallHlsPlayer, type PlayerStatus } from './hls-player';
import { tileVideoUrl, videoAccessReady, videoXhrSetup } from './video-access';
import { MaskOverlay } from './MaskOverlay';
import { paintMasks } from './privacy-masks';
import { tileStarts } from './start-queue';
import { canPlay, tileView } from './tile-status';
import { useDeviceWidth, useOnScreen } from './use-on-screen';

/** A tile at least this wide (device pixels) plays the main stream; smaller ones the sub-stream. */
const MAIN_MIN_WIDTH = 1280;
const NO_CAMERA: LocalizedText = { zh: '未配置摄像机', en: 'No camera configured' };

export interface TileProps {
  camera: CameraState | undefined;
  /** Unique on this window: the frozen tile of a capture is found by it. */
  tileKey: string;
  /** The tile's place on its window (its cell): tiles go round the hall's video host names by it. */
  slot?: number;
  /** The panel that shows this tile's case form. */
  host: string;
  city?: CityInfo;
  /** Play the main stream whatever the size (maximised, opened over the map). */
  main?: boolean;
  empty?: LocalizedText;
  /** A double click (console): maximise or restore. */
  onMaximise?: () => void;
}

function streetOf(city: CityInfo | undefined, code: string | undefined): string | undefined {
  return code ? city?.places.find((p) => p.code === code)?.shortName : undefined;
}

/** The case just opened from this tile, for a few seconds. */
function Done({ tileKey }: { tileKey: string }) {
  const { l } = useI18n();
  const done = useStore(captureStore, (s) => (s.done?.tile === tileKey ? s.done : undefined));
  const now = useNow(1000, done !== undefined);
  if (!done || now - done.at > 5000) return null;
  return (
    <div className="cam-done" data-testid="capture-done" data-case={done.caseId}>
      {l({ zh: '已立案 {n}', en: 'Case {n} opened' }, { n: done.caseNo })}
    </div>
  );
}

/**
 * One CCTV tile: live HLS, or a dark tile that says why not ("信号中断 · since …") — never a frozen frame
 * as if live. The label names the camera and its street and runs the clock of the frame on screen. It
 * plays only while it can be seen. At the console a click freezes it for evidence, a double click maximises.
 */
export function CameraTile({ camera, tileKey, slot = 0, host, city, main, empty, onMaximise }: TileProps) {
  const { l, timeZone } = useI18n();
  const figure = useRef<HTMLElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const held = useRef<HTMLDivElement>(null);
  const player = useRef<WallHlsPlayer | undefined>(undefined);
  const onScreen = useOnScreen(figure);
  const width = useDeviceWidth(figure);
  const [status, setStatus] = useState<PlayerStatus>({ kind: 'connecting' });
  const frozen = useStore(captureStore, (s) => (s.current?.tile === tileKey ? s.current : undefined));
  const alarm = useCameraAlarm(camera?.id);
  const playable = canPlay(camera);
  const sized = width > 0;
  const src = camera && (main || width >= MAIN_MIN_WIDTH || !camera.subHls ? camera.hls : camera.subHls);

  useEffect(() => {
    const v = video.current;
    if (!onScreen || !playable || !src || !v || !sized) return;
    let p: WallHlsPlayer | undefined;
    let gone = false;
    // The first tile asks for the window's video host names and ticket; the others wait for the same answer.
    void videoAccessReady().then(() => {
      if (gone) return;
      p = new WallHlsPlayer(v, tileVideoUrl(src, slot), setStatus, { xhrSetup: videoXhrSetup, now: () => serverNow(), schedule: (attach) => tileStarts.schedule(attach) });
      player.current = p;
      p.start();
    });
    return () => {
      gone = true;
      p?.destroy();
      player.current = undefined;
      setStatus({ kind: 'connecting' });
    };
  }, [onScreen, playable, src, sized, slot]);

  useEffect(() => {
    const box = held.current;
    if (!box || !frozen) return;
    box.replaceChildren(frozen.frame.canvas);
    return () => box.replaceChildren();
  }, [frozen]);

  const view = tileView(camera, status, onScreen, empty ?? NO_CAMERA);
  const frameAt = status.kind === 'playing' ? status.frameAt : undefined;
  const live = view.state === 'playing';
  const direct = camera?.state === 'direct' && camera.masks?.length ? camera.masks : undefined;

  const click = (e: MouseEvent) => {
    if (e.detail >= 2) {
      abortPending();
      onMaximise?.();
      return;
    }
    const p = player.current;
    if (!camera || !mayCapture() || frozen || !live || !p) return;
    const frame = p.freeze();
    if (!frame) return;
    if (direct) paintMasks(frame.canvas, direct);
    beginCapture({ tile: tileKey, host, camera, frame, release: () => p.unfreeze() });
  };

  const headline = view.headline && l(view.headline, { t: view.since !== undefined ? clockTime(view.since, timeZone) : '—' });
  return (
    <figure
      ref={figure}
      className="cam-tile"
      data-testid="camera-tile"
      data-camera={camera?.id ?? ''}
      data-status={live ? 'playing' : 'no-signal'}
      data-state={view.state}
      data-frozen={frozen ? 'true' : undefined}
      data-alarm={alarm ? 'open' : undefined}
      onClick={click}
    >
      <video ref={video} muted playsInline autoPlay disablePictureInPicture />
      {direct && live && <MaskOverlay video={video} masks={direct} />}
      {frozen && <div className="cam-held" ref={held} data-testid="tile-frozen" />}
      {!live && !frozen && view.state !== 'off-screen' && (
        <div className={`cam-overlay cam-${view.state}`}>
          <strong>{headline}</strong>
          {view.detail && <span>{l(view.detail)}</span>}
          {view.state === 'lost' && camera?.detail && <small>{camera.detail}</small>}
        </div>
      )}
      {camera && (
        <figcaption className="cam-label">
          <span className="cam-name">{camera.name}</span>
          {streetOf(city, camera.street) && <span className="cam-street">{streetOf(city, camera.street)}</span>}
          {frozen ? (
            <span className="cam-badge cam-badge-held">{l({ zh: '已定格', en: 'HELD' })}</span>
          ) : (
            live && (
              <span className="cam-badge">
                <i />
                {frameAt !== undefined ? (
                  <time className="cam-clock" data-testid="tile-clock" dateTime={new Date(frameAt).toISOString()}>
                    {clockTime(frameAt, timeZone)}
                  </time>
                ) : (
                  l({ zh: '直播', en: 'LIVE' })
                )}
              </span>
            )
          )}
        </figcaption>
      )}
      {camera && live && mayCapture() && !frozen && <span className="cam-hint">{l({ zh: '单击取证 · 双击放大', en: 'Click: evidence · double-click: maximise' })}</span>}
      {alarm && <AlarmMark alarm={alarm} />}
      <Done tileKey={tileKey} />
    </figure>
  );
}
