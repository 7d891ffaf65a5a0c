import type { CaseEvent } from './case';
import { closedOnTime, stageDeadline, type Limits } from './case-clock';
import type { WorkCalendar } from './work-calendar';

/**
 * What the KPIs (docs/domain.md, "Evaluation") need to know of one case, read off its history once, so
 * that counting a month of cases by street, grid or department is one scan of the case table and never a
 * replay of histories. The store keeps these beside the case in the same transaction as each event.
 */
export interface CaseFacts {
  /** The inspector who reported it (监督员上报), for the per-inspector KPIs. */
  reporter?: string;
  /** 立案: when it was filed. */
  filedAt?: number;
  /** 派遣: the first dispatch. */
  dispatchedAt?: number;
  /** 处置: the last time it was reported done (处理反馈), or fixed on the spot. */
  handledAt?: number;
  /** 结案. */
  closedAt?: number;
  /** Closed with every handling round reported done by its deadline (按期结案). */
  closedOnTime?: boolean;
  /** 返工 rounds. */
  reworks: number;
  /** An extension was granted (延期). */
  extended: boolean;
  /** The current stage's deadline (红灯 once past). */
  deadline?: number;
}

/** Facts of a case from its history; the catalogue class and calendar give the deadlines (absent: untimed). */
export function caseFacts(events: readonly CaseEvent[], timing?: { cls: Limits; calendar: WorkCalendar; timeZone: string }): CaseFacts {
  const f: CaseFacts = { reworks: 0, extended: false };
  for (const e of events) {
    switch (e.action) {
      case 'report':
        if (e.by.role === 'inspector') f.reporter = e.by.id;
        break;
      case 'file':
        f.filedAt ??= e.at;
        break;
      case 'dispatch':
        f.dispatchedAt ??= e.at;
        break;
      case 'feedback':
      case 'self-fix':
        f.handledAt = e.at;
        break;
      case 'rework':
        f.reworks += 1;
        break;
      case 'extend-approve':
        f.extended = true;
        break;
      case 'close':
        f.closedAt = e.at;
        break;
      default:
        break;
    }
  }
  if (timing) {
    const { cls, calendar, timeZone } = timing;
    const deadline = stageDeadline(events, cls, calendar, timeZone);
    if (deadline !== undefined) f.deadline = deadline;
    const onTime = closedOnTime(events, cls, calendar, timeZone);
    if (onTime !== undefined) f.closedOnTime = onTime;
  }
  return f;
}
