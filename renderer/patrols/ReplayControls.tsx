import { useStore } from 'zustand';
import { clockTime } from '../i18n/i18n';
import { useI18n } from '../i18n/use-i18n';
import type { PanelProps } from '../wall/contributions';
import { useNow } from '../wall/use-now';
import { pause, play, replayNow, replayStore, seek, stopReplay } from './replay-store';

/**
 * The replay's time slider, over the map while a replay is open: whose day, the replayed time, play/pause
 * and close. On the wall (no pointer) it plays by itself and shows where it is; the console can drive it.
 */
export function ReplayControls(_props: PanelProps) {
  const { l, timeZone } = useI18n();
  const s = useStore(replayStore);
  useNow(250, s.playing); // the slider follows the replay 4 times a second while it plays; not at all when paused
  if (s.status === 'off' || !s.unitId) return null;
  const t = replayNow(s);
  const state =
    s.status === 'loading'
      ? l({ zh: '轨迹加载中…', en: 'Loading track…' })
      : s.status === 'empty'
        ? l({ zh: '今日暂无轨迹', en: 'No track today' })
        : s.status === 'failed'
          ? s.error === 'refused'
            ? l({ zh: '无权查看轨迹', en: 'Not allowed to see tracks' })
            : l({ zh: '轨迹加载失败', en: 'Track failed to load' })
          : undefined;
  return (
    <div className="map-block replay" data-testid="replay" data-status={s.status} data-playing={s.playing}>
      <div className="replay-head">
        <strong>{l({ zh: '轨迹回放', en: 'Track replay' })}</strong>
        <span className="replay-unit">{s.unitId}</span>
        {s.status === 'ready' && (
          <>
            <span className="replay-time">{clockTime(t, timeZone)}</span>
            <small>×{s.speed}</small>
          </>
        )}
        {state && <span className="replay-state">{state}</span>}
        <button type="button" className="replay-close" onClick={stopReplay} aria-label={l({ zh: '关闭回放', en: 'Close replay' })}>
          ×
        </button>
      </div>
      {s.status === 'ready' && (
        <div className="replay-bar">
          <button type="button" onClick={s.playing ? pause : play} aria-label={s.playing ? l({ zh: '暂停', en: 'Pause' }) : l({ zh: '播放', en: 'Play' })}>
            {s.playing ? '❚❚' : '▶'}
          </button>
          <span className="replay-end">{clockTime(s.start, timeZone, false)}</span>
          <input type="range" min={s.start} max={s.end} step={1000} value={Math.round(t)} onChange={(e) => seek(Number(e.target.value))} />
          <span className="replay-end">{clockTime(s.end, timeZone, false)}</span>
        </div>
      )}
    </div>
  );
}
