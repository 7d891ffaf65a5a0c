import Type, { type Static } from 'typebox';
import { ACTIONS, actionsFor, isCaseAction, mayEverTake, type CaseAction, type CaseRole } from './case-actions';
import type { CaseActor, CaseEvent } from './case';
import { CaseStage } from './case-stage';

/** Where a case stands, folded from its history: what the workflow and the wall need without replaying it. */
export const CaseState = Type.Object({
  stage: CaseStage,
  /** seq and time of the last event. */
  seq: Type.Integer({ minimum: 1 }),
  at: Type.Number({ minimum: 0 }),
  /** parked: the stage it returns to. */
  resumeStage: Type.Optional(CaseStage),
  /** The department it is dispatched to (cleared when that department returns it). */
  department: Type.Optional(Type.String()),
  /** extending: the deadline the department asked for. */
  requestedUntil: Type.Optional(Type.Number()),
  /** The handling deadline granted by the latest approved extension of this handling round. */
  extendedUntil: Type.Optional(Type.Number()),
  reworks: Type.Integer({ minimum: 0 }),
  returns: Type.Integer({ minimum: 0 }),
  extensions: Type.Integer({ minimum: 0 }),
  /** An inspector confirmed a public report on site (核实). */
  verified: Type.Boolean(),
  /** An inspector fixed it on the spot (自行处置). */
  selfFixed: Type.Boolean(),
});
export type CaseState = Static<typeof CaseState>;

/** A history that cannot be a case's: out of order, not starting with a report. */
export class CaseHistoryError extends Error {
  override name = 'CaseHistoryError';
}

/** The state after one more event (the reducer's step; `prev` undefined for the opening report). */
export function nextState(prev: CaseState | undefined, e: CaseEvent): CaseState {
  const base: CaseState = prev ?? { stage: e.stage, seq: 0, at: e.at, reworks: 0, returns: 0, extensions: 0, verified: false, selfFixed: false };
  const s: CaseState = { ...base, stage: e.stage, seq: e.seq, at: e.at };
  switch (e.action) {
    case 'park':
      s.resumeStage = base.stage;
      break;
    case 'unpark':
      delete s.resumeStage;
      break;
    case 'dispatch':
      s.department = e.department;
      delete s.extendedUntil; // a new handling round starts with the class's own limit
      break;
    case 'return':
      delete s.department;
      s.returns++;
      break;
    case 'extend-request':
      s.requestedUntil = e.until;
      break;
    case 'extend-approve':
      s.extendedUntil = e.until;
      s.extensions++;
      delete s.requestedUntil;
      break;
    case 'extend-refuse':
    case 'feedback':
      delete s.requestedUntil;
      break;
    case 'rework':
      s.reworks++;
      delete s.extendedUntil;
      break;
    case 'verify':
      s.verified = true;
      break;
    case 'self-fix':
      s.selfFixed = true;
      break;
    default:
      break;
  }
  return s;
}

/**
 * A case's state from its history, which must start with `report` and run seq 1, 2, 3 … in time order.
 * undefined for an empty history. The stages written in the events are trusted: they are the record.
 */
export function caseState(events: readonly CaseEvent[]): CaseState | undefined {
  let state: CaseState | undefined;
  for (const [i, e] of events.entries()) {
    if (e.seq !== i + 1) throw new CaseHistoryError(`event ${i + 1} has seq ${e.seq}: a history runs 1, 2, 3 … without gaps.`);
    if (i === 0 && e.action !== 'report') throw new CaseHistoryError(`a history starts with "report", not "${e.action}".`);
    if (state && e.at < state.at) throw new CaseHistoryError(`event ${e.seq} (${e.action}) is earlier than the event before it.`);
    state = nextState(state, e);
  }
  return state;
}

/** The actions a role may take on a case now, in workflow-table order (`report` when there is no case). */
export function allowedActions(state: CaseState | undefined, role: CaseRole): CaseAction[] {
  return actionsFor(state?.stage ?? 'new', role);
}

/** Details an action's event may carry (which ones it must carry: the table's `needs`). */
export interface ActionExtra {
  note?: string;
  department?: string;
  until?: number;
  photos?: string[];
  surface?: string;
}

/** What the caller knows of the case's clock (app/case/case-clock.ts) to enforce deadline rules. */
export interface ActionGuard {
  /** The current handling deadline: an extension must be asked for before it. */
  handleDeadline?: number;
}

/**
 * 409: the case's stage does not allow the action; 403: the role may not take it (here or anywhere);
 * 400: the request lacks something the action needs. `allowed`: what this role may do now.
 */
export interface ActionRefusal {
  ok: false;
  status: 400 | 403 | 409;
  reason: string;
  allowed: CaseAction[];
}

export type ActionResult = { ok: true; event: CaseEvent; state: CaseState } | ActionRefusal;

/**
 * Takes an action on a case: the event to append and the state after it, or why not. Pure: the caller
 * stamps `at` from the hall's clock and stores the event. `state` undefined: the case does not exist yet.
 */
export function applyAction(state: CaseState | undefined, action: CaseAction, actor: CaseActor, at: number, extra: ActionExtra = {}, guard: ActionGuard = {}): ActionResult {
  // What the role may do instead is only worked out for a refusal: histories are built by the million.
  const refuse = (status: ActionRefusal['status'], reason: string): ActionRefusal => ({ ok: false, status, reason, allowed: allowedActions(state, actor.role) });
  if (!isCaseAction(action)) return refuse(400, `"${String(action)}" is not a case action.`);
  const spec = ACTIONS[action];
  const stage = state?.stage ?? 'new';
  const stageRoles = spec.from[stage];
  if (!mayEverTake(action, actor.role)) return refuse(403, `a ${actor.role} may not ${action} a case.`);
  if (!stageRoles) return refuse(409, state ? `a case in stage "${stage}" cannot be given "${action}".` : `there is no case yet: "${action}" needs one.`);
  if (!stageRoles.includes(actor.role)) return refuse(403, `in stage "${stage}", "${action}" is for ${stageRoles.join(' or ')}, not ${actor.role}.`);
  if (state && at < state.at) return refuse(400, `the action's time is before the case's last event (seq ${state.seq}).`);

  const until = action === 'extend-approve' ? (extra.until ?? state?.requestedUntil) : extra.until;
  for (const need of spec.needs ?? []) {
    const present = need === 'until' ? until !== undefined : Boolean(extra[need]?.trim());
    if (!present) return refuse(400, `"${action}" needs ${need === 'note' ? 'a note saying why' : need === 'until' ? 'the deadline asked for (until)' : 'the department it goes to'}.`);
  }
  const takesUntil = action === 'extend-request' || action === 'extend-approve';
  if (takesUntil && until !== undefined && until <= at) return refuse(400, `"${action}" needs a deadline (until) after now.`);
  if (action === 'extend-request' && guard.handleDeadline !== undefined && at > guard.handleDeadline) {
    return refuse(409, 'the handling deadline has passed: an extension must be asked for before it.');
  }

  const to = spec.to === 'resume' ? state?.resumeStage : spec.to;
  if (!to) return refuse(409, 'the case does not say which stage it was parked from.');
  const event: CaseEvent = { seq: (state?.seq ?? 0) + 1, at, action, stage: to, by: { role: actor.role, id: actor.id } };
  if (extra.surface) event.surface = extra.surface;
  if (extra.note) event.note = extra.note;
  if (action === 'dispatch' && extra.department) event.department = extra.department;
  if (takesUntil && until !== undefined) event.until = until;
  if (extra.photos?.length) event.photos = [...extra.photos];
  return { ok: true, event, state: nextState(state, event) };
}
