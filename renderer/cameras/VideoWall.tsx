import { useId, type CSSProperties } from 'react';
import { cameraChannel } from '../../app/camera/camera-channel';
import type { CameraState } from '../../app/camera/camera';
import { wallCells } from '../../app/video-wall/tour-schedule';
import { splitAspect, splitGeometry } from '../../app/video-wall/wall-geometry';
import { useI18n } from '../i18n/use-i18n';
import { serverNow, useLatest } from '../live/live-store';
import type { PanelProps } from '../wall/contributions';
import { useNow } from '../wall/use-now';
import { CaptureHost } from './capture/CaptureDialog';
import { CameraTile } from './CameraTile';
import { mayControl } from './hall-send';
import { TourBar } from './TourBar';
import { changeWall, useVideoWall } from './wall-state';

const UNASSIGNED = { zh: '未分配摄像机', en: 'No camera assigned' };

/** The cells as the hall's wall state says at this moment (the tour computed on the hall's clock). */
function useCells() {
  const state = useVideoWall();
  const cameras = useLatest(cameraChannel);
  const now = serverNow(useNow(1000));
  return { state, cameras, ...wallCells(state, cameras.values(), now) };
}

/**
 * The CCTV wall (视频墙): the hall's split (1, 4, 6, 9, 16, 25 or custom) with the camera of each cell —
 * pinned ones fixed, the rest turned by the tour — every grid unit 16:9, or one cell maximised on its
 * main stream. Every window computes the same cells from the same state; the strip below says where the
 * tour is. At the console: click a tile for evidence, double-click to maximise, the strip's controls.
 */
export function VideoWall({ city }: PanelProps) {
  const { l } = useI18n();
  const host = useId();
  const { state, cameras, cells, tour } = useCells();
  const g = splitGeometry(state.layout, state.custom);
  const control = mayControl();
  const max = state.maximised !== undefined && state.maximised < cells.length ? state.maximised : undefined;
  const toggle = (i: number) => (control ? () => void changeWall({ maximised: max === i ? null : i }) : undefined);
  const camera = (id: string | undefined): CameraState | undefined => (id ? cameras.get(id) : undefined);

  let stage;
  if (max !== undefined) {
    const id = cells[max];
    stage = (
      <div className="vw-grid vw-max" style={{ '--ratio': 16 / 9 } as CSSProperties}>
        <CameraTile key={`max:${id ?? ''}`} camera={camera(id)} tileKey={`${host}:max:${id ?? ''}`} slot={max} host={host} city={city} main empty={UNASSIGNED} onMaximise={toggle(max)} />
        {control && (
          <button type="button" className="vw-restore" onClick={() => void changeWall({ maximised: null })}>
            {l({ zh: '还原分屏', en: 'Back to tiles' })}
          </button>
        )}
      </div>
    );
  } else {
    const style = { gridTemplateColumns: `repeat(${g.columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${g.rows}, minmax(0, 1fr))`, '--ratio': splitAspect(g) } as CSSProperties;
    stage = (
      <div className="vw-grid" style={style}>
        {g.cells.map((c, i) => {
          const id = cells[i];
          return (
            <div className="vw-cell" key={`${i}:${id ?? ''}`} style={{ gridColumn: `${c.x + 1} / span ${c.w}`, gridRow: `${c.y + 1} / span ${c.h}` }} data-pinned={state.pinned.includes(i) || undefined}>
              <CameraTile camera={camera(id)} tileKey={`${host}:${i}:${id ?? ''}`} slot={i} host={host} city={city} empty={UNASSIGNED} onMaximise={toggle(i)} />
            </div>
          );
        })}
      </div>
    );
  }
  return (
    <div className="vw" data-testid="camera-grid" data-split={String(state.layout)} data-maximised={max}>
      <div className="vw-stage">{stage}</div>
      <TourBar state={state} tour={tour} />
      <CaptureHost host={host} city={city} />
    </div>
  );
}

/** One tile (the 1080p desk): the wall's maximised cell, else its first camera. */
export function FirstCamera({ city }: PanelProps) {
  const host = useId();
  const { state, cameras, cells } = useCells();
  const id = (state.maximised !== undefined ? cells[state.maximised] : undefined) ?? cells.find((c) => c !== undefined) ?? [...cameras.keys()].sort()[0];
  return (
    <div className="vw-single">
      <CameraTile key={id ?? ''} camera={id ? cameras.get(id) : undefined} tileKey={`${host}:${id ?? ''}`} host={host} city={city} />
      <CaptureHost host={host} city={city} />
    </div>
  );
}
