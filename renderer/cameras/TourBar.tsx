import type { LocalizedText } from '../../app/city/city';
import type { TourView } from '../../app/video-wall/tour-schedule';
import { SPLITS, type PauseReason, type VideoWallState } from '../../app/video-wall/video-wall';
import { clockTime } from '../i18n/i18n';
import { useI18n } from '../i18n/use-i18n';
import { serverNow } from '../live/live-store';
import { useNow } from '../wall/use-now';
import { mayControl } from './hall-send';
import { changeWall, tourCommand } from './wall-state';

const PAUSED_BY: Readonly<Record<PauseReason, LocalizedText>> = {
  alarm: { zh: '报警', en: 'an alarm' },
  'video-case': { zh: '视频立案', en: 'a new video case' },
  operator: { zh: '值班员', en: 'the operator' },
};

/** The tour in words: which cameras, which page, the next turn — or who paused it and until when. */
export function tourText(tour: TourView | undefined, now: number, l: (t: LocalizedText, v?: Record<string, string | number>) => string, timeZone: string): string {
  if (!tour) return l({ zh: '轮巡关闭', en: 'Tour off' });
  const what = tour.group ?? l({ zh: '全部摄像机', en: 'all cameras' });
  if (tour.pausedBy) {
    const page = tour.pages > 1 ? l({ zh: ' · 第 {p}/{n} 组', en: ' · page {p}/{n}' }, { p: tour.page + 1, n: tour.pages }) : '';
    const until = tour.pausedUntil !== undefined ? l({ zh: ' · 至 {t}', en: ' · until {t}' }, { t: clockTime(tour.pausedUntil, timeZone) }) : '';
    return l({ zh: '轮巡暂停（{by}）· {what}{page}{until}', en: 'Tour paused by {by} · {what}{page}{until}' }, { by: l(PAUSED_BY[tour.pausedBy]), what, page, until });
  }
  if (tour.pages <= 1) return l({ zh: '轮巡 · {what} · {n} 路全部在屏', en: 'Tour · {what} · all {n} on screen' }, { what, n: tour.size });
  const s = Math.max(0, Math.ceil(((tour.nextAt ?? now) - now) / 1000));
  return l({ zh: '轮巡 · {what} · 第 {p}/{n} 组 · {s} 秒后切换', en: 'Tour · {what} · page {p}/{n} · next in {s} s' }, { what, p: tour.page + 1, n: tour.pages, s });
}

/** The strip under the CCTV wall: split, tour state; at the console, the controls too. */
export function TourBar({ state, tour }: { state: VideoWallState; tour: TourView | undefined }) {
  const { l, timeZone } = useI18n();
  const now = serverNow(useNow(1000));
  const control = mayControl();
  const paused = tour?.pausedBy !== undefined;
  const split =
    (state.layout === 'custom' ? l({ zh: '自定义', en: 'Custom' }) : l({ zh: '{n} 分屏', en: '{n} tiles' }, { n: state.layout })) +
    (state.maximised !== undefined ? l({ zh: ' · 放大第 {i} 路', en: ' · tile {i} maximised' }, { i: state.maximised + 1 }) : '');
  return (
    <div className={`vw-bar${paused ? ' vw-bar-paused' : ''}`} data-testid="tour-bar" data-paused={paused ? (tour?.pausedBy ?? '') : undefined} data-page={tour ? `${tour.page + 1}/${tour.pages}` : undefined}>
      <span className="vw-split">{split}</span>
      <span className="vw-tour" data-testid="tour-text">
        <i className={paused ? 'vw-dot vw-dot-paused' : tour ? 'vw-dot' : 'vw-dot vw-dot-off'} />
        {tourText(tour, now, l, timeZone)}
      </span>
      {control && (
        <span className="vw-controls">
          {tour && (
            <>
              <button type="button" onClick={() => void tourCommand(paused ? 'resume' : 'pause')} data-testid="tour-toggle">
                {paused ? l({ zh: '继续', en: 'Resume' }) : l({ zh: '暂停', en: 'Pause' })}
              </button>
              <button type="button" onClick={() => void tourCommand('next')}>
                {l({ zh: '下一组', en: 'Next' })}
              </button>
            </>
          )}
          {SPLITS.map((n) => (
            <button type="button" key={n} className={state.layout === n ? 'vw-on' : undefined} onClick={() => void changeWall({ layout: n })}>
              {n}
            </button>
          ))}
        </span>
      )}
    </div>
  );
}
