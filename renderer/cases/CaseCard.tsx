import { useRef } from 'react';
import type { CityInfo } from '../../app/city/city';
import { SOURCE_NAMES, type CaseEvent } from '../../app/case/case';
import { ACTIONS, ROLE_NAMES } from '../../app/case/case-actions';
import { caseChannel, type CaseMark } from '../../app/case/case-channels';
import { PHASE_NAMES, STAGES } from '../../app/case/case-stage';
import { clockTime } from '../i18n/i18n';
import { useI18n } from '../i18n/use-i18n';
import { serverNow, useLatest } from '../live/live-store';
import { StaleBadge } from '../wall/StaleBadge';
import { useFittingRows } from '../wall/use-fitting-rows';
import { useNow } from '../wall/use-now';
import { useCaseFile, usePhoto, type CaseFile } from './case-file';
import { css, markRgb } from './case-marks';
import { placeName, useCategoryName, useDepartmentName } from './case-names';
import { countdown } from './countdown';
import { dayTime } from './time-format';

function Photo({ hash }: { hash: string }) {
  const url = usePhoto(hash);
  return url ? <img className="cc-photo" src={url} alt="" /> : <span className="cc-photo cc-photo-wait" />;
}

/** The history, newest first, as many whole rows as the card has room for. */
function History({ events }: { events: readonly CaseEvent[] }) {
  const { l, timeZone } = useI18n();
  const department = useDepartmentName();
  const box = useRef<HTMLOListElement>(null);
  const fit = useFittingRows(box, 'li', undefined, events.length > 0);
  const newest = [...events].reverse();
  return (
    <ol className="cc-history" ref={box} data-testid="case-card-history">
      {newest.slice(0, fit).map((e) => (
        <li key={e.seq}>
          <time>{dayTime(e.at, timeZone)}</time>
          <strong>{l(ACTIONS[e.action].name)}</strong>
          <span>
            {l(ROLE_NAMES[e.by.role])}
            {e.department ? ` → ${department(e.department) ?? ''}` : ''}
            {e.note ? ` · ${e.note}` : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** What a card shows of a case, from its live mark and (where allowed) its file; the mark wins where both say. */
function facts(mark: CaseMark | undefined, file: CaseFile | undefined) {
  const c = file?.case;
  return {
    caseNo: mark?.caseNo ?? c?.caseNo,
    stage: mark?.stage ?? c?.stage,
    category: mark?.category ?? c?.category,
    source: mark?.source ?? c?.source,
    street: mark?.street ?? c?.street,
    community: mark?.community ?? c?.community,
    grid: mark?.grid ?? c?.grid,
    reportedAt: mark?.reportedAt ?? c?.reportedAt,
    deadline: mark ? mark.deadline : file?.deadline,
    department: mark?.department ?? c?.department,
    urgent: mark?.urgent ?? c?.urgent,
  };
}

/**
 * The case card (案卷): number, stage, class, where (street, community, grid, address), when, the
 * deadline counting down (red once passed), and — where this surface may read case files — what was
 * reported, the photos and the history. On an exhibit surface only what the live mark carries.
 */
export function CaseCard({ caseId, city, until, onClose }: { caseId: string; city: CityInfo; until: number; onClose?: () => void }) {
  const { l, locale, timeZone } = useI18n();
  const mark = useLatest(caseChannel).get(caseId);
  const got = useCaseFile(caseId, mark?.updatedAt);
  const file = got.state === 'ok' ? got.file : undefined;
  const category = useCategoryName();
  const department = useDepartmentName();
  const now = serverNow(useNow(1000));
  const f = facts(mark, file);
  const phase = f.stage ? STAGES[f.stage].phase : undefined;
  const clock = f.deadline !== undefined ? countdown(f.deadline, now, locale, 'seconds') : undefined;
  const where = [placeName(city, f.street), placeName(city, f.community)].filter(Boolean).join(' · ');
  const tone = mark ? css(markRgb(mark, now)) : undefined;
  return (
    <article className={`case-card${clock?.overdue ? ' cc-overdue' : ''}`} data-testid="case-card" data-case={caseId}>
      <header className="cc-head">
        {f.urgent && <span className="cc-urgent">{l({ zh: '紧急', en: 'Urgent' })}</span>}
        <span className="cc-no">{f.caseNo ?? caseId}</span>
        {f.stage && (
          <span className="cc-stage" style={tone ? { borderColor: tone, color: tone } : undefined}>
            {l(STAGES[f.stage].name)}
          </span>
        )}
        {onClose && (
          <button type="button" className="cc-close" onClick={onClose} aria-label={l({ zh: '关闭', en: 'Close' })}>
            ×
          </button>
        )}
      </header>
      <h3 className="cc-title">
        {f.category ? category(f.category) : l({ zh: '案卷', en: 'Case' })}
        {f.source && <small>{l(SOURCE_NAMES[f.source])}</small>}
      </h3>
      {clock && (
        <div className="cc-clock" data-testid="case-card-clock" data-overdue={clock.overdue}>
          <span>{phase ? l({ zh: '{p}时限', en: '{p} deadline' }, { p: l(PHASE_NAMES[phase]) }) : l({ zh: '时限', en: 'Deadline' })}</span>
          <strong>{clock.text}</strong>
          <small>{l({ zh: '截止 {t}', en: 'due {t}' }, { t: dayTime(f.deadline ?? 0, timeZone) })}</small>
        </div>
      )}
      <dl className="cc-facts">
        {where && (
          <>
            <dt>{l({ zh: '位置', en: 'Place' })}</dt>
            <dd>{where}</dd>
          </>
        )}
        {file?.case.address && (
          <>
            <dt>{l({ zh: '地址', en: 'Address' })}</dt>
            <dd>{file.case.address}</dd>
          </>
        )}
        {f.grid && (
          <>
            <dt>{l({ zh: '网格', en: 'Grid' })}</dt>
            <dd className="cc-code">{f.grid}</dd>
          </>
        )}
        {f.reportedAt !== undefined && (
          <>
            <dt>{l({ zh: '上报', en: 'Reported' })}</dt>
            <dd>{dayTime(f.reportedAt, timeZone)}</dd>
          </>
        )}
        {f.department && (
          <>
            <dt>{l({ zh: '部门', en: 'Department' })}</dt>
            <dd>{department(f.department)}</dd>
          </>
        )}
      </dl>
      {file && file.case.description && <p className="cc-text">{file.case.description}</p>}
      {file && file.case.photos.length > 0 && (
        <div className="cc-photos">
          {file.case.photos.slice(0, 3).map((h) => (
            <Photo key={h} hash={h} />
          ))}
        </div>
      )}
      {file && file.history.length > 0 && <History events={file.history} />}
      {!mark && !file && got.state !== 'loading' && <p className="cc-note">{l({ zh: '该案卷已不在办，或不在本屏范围内', en: 'This case is no longer open, or not shown on this screen' })}</p>}
      {got.state === 'failed' && mark && <p className="cc-note">{l({ zh: '案卷详情暂不可取', en: 'Case file not available just now' })}</p>}
      {Number.isFinite(until) && <footer className="cc-foot">{l({ zh: '展示至 {t}', en: 'shown until {t}' }, { t: clockTime(until, timeZone, false) })}</footer>}
      <StaleBadge />
    </article>
  );
}
