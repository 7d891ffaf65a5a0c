import { useRef } from 'react';
import { caseChannel } from '../../app/case/case-channels';
import { STAGES } from '../../app/case/case-stage';
import { useI18n } from '../i18n/use-i18n';
import { serverNow, useLatest, useLink } from '../live/live-store';
import type { PanelProps } from '../wall/contributions';
import { useFittingRows } from '../wall/use-fitting-rows';
import { useNow } from '../wall/use-now';
import { CaseCardHost } from './CaseCardHost';
import { openCard } from './card-store';
import { css, liveFeed, markRgb, redLights, shortCaseNo } from './case-marks';
import { placeName, useCategoryName, useDepartmentName } from './case-names';
import { formatCount } from './figures';
import { countdown } from './countdown';
import { FreshTracker } from './fresh-marks';
import { feedTime } from './time-format';

/**
 * The red-light list (红灯): open cases past their stage's deadline on the hall's clock, longest overdue
 * first — a case turns red at its deadline with no message from the hall. Each row: number, class,
 * place, department, and how long overdue, counting in whole minutes.
 */
export function RedLights({ city }: PanelProps) {
  const { l, locale } = useI18n();
  const marks = useLatest(caseChannel);
  const now = serverNow(useNow(1000));
  const rows = redLights(marks.values(), now);
  const category = useCategoryName();
  const department = useDepartmentName();
  const box = useRef<HTMLDivElement>(null);
  const fit = useFittingRows(box, '.cl-row', '.cl-head', rows.length > 0);
  return (
    <div className="case-list case-red" ref={box} data-testid="case-red-lights">
      <div className="cl-head">
        <span className={`cl-lamp${rows.length ? ' on' : ''}`} />
        {l({ zh: '红灯', en: 'Red lights' })} <b data-testid="red-light-count">{formatCount(rows.length, locale)}</b>
        <small>{l({ zh: '超期时长（最长在前）', en: 'time overdue, longest first' })}</small>
      </div>
      {rows.length === 0 && <p className="case-empty case-good">{l({ zh: '暂无超期案件', en: 'No overdue cases' })}</p>}
      {rows.slice(0, fit).map((m) => (
        <div className="cl-row" key={m.id} data-case={m.id} onClick={() => openCard(m.id)}>
          <span className="cl-no">{shortCaseNo(m.caseNo)}</span>
          <span className="cl-cat">{category(m.category)}</span>
          <span className="cl-place">{placeName(city, m.community) ?? placeName(city, m.street) ?? ''}</span>
          <span className="cl-dept">{department(m.department) ?? ''}</span>
          <span className="cl-late">{countdown(m.deadline ?? now, now, locale).span}</span>
        </div>
      ))}
      <CaseCardHost kind="panel" city={city} />
    </div>
  );
}

const fresh = new FreshTracker();

/**
 * The live feed of cases (案件动态): open cases, newest report first, with their stage in the map's
 * colours; a case that has just come in is highlighted for a few seconds. Exhibit surfaces get no text
 * (the hall masks it), so the row is number, class and place only.
 */
export function CaseFeed({ city }: PanelProps) {
  const { l, timeZone } = useI18n();
  const marks = useLatest(caseChannel);
  const ready = useLink((s) => s.view.epoch !== '');
  const wallNow = useNow(1000);
  const now = serverNow(wallNow);
  const rows = liveFeed(marks.values());
  fresh.observe(marks.keys(), wallNow, ready);
  const category = useCategoryName();
  const box = useRef<HTMLDivElement>(null);
  const fit = useFittingRows(box, '.cl-row', undefined, rows.length > 0);
  return (
    <div className="case-list case-feed" ref={box} data-testid="case-feed">
      {rows.length === 0 && <p className="case-empty">{l({ zh: '暂无在办案件', en: 'No open cases' })}</p>}
      {rows.slice(0, fit).map((m) => {
        const tone = css(markRgb(m, now));
        return (
          <div className={`cl-row${fresh.isFresh(m.id, wallNow) ? ' cl-fresh' : ''}`} key={m.id} data-case={m.id} onClick={() => openCard(m.id)}>
            <time>{feedTime(m.reportedAt, now, timeZone)}</time>
            <span className="cl-stage" style={{ color: tone, borderColor: tone }}>
              {l(STAGES[m.stage].name)}
            </span>
            <span className="cl-cat">{category(m.category)}</span>
            <span className="cl-place">{placeName(city, m.community) ?? placeName(city, m.street) ?? ''}</span>
            <span className="cl-text">{m.summary}</span>
          </div>
        );
      })}
      <CaseCardHost kind="panel" city={city} />
    </div>
  );
}
