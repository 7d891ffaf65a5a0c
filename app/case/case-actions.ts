import type { LocalizedText } from '../city/city';
import Type from 'typebox';
import type { CaseStage } from './case-stage';

/** Who acts on a case (docs/domain.md, "Cases"). `system` is GridWall itself: video/sensor/hotline intake. */
export const CASE_ROLES = ['inspector', 'acceptor', 'shift-leader', 'dispatcher', 'department', 'system'] as const;
export type CaseRole = (typeof CASE_ROLES)[number];
export const CaseRole = Type.Enum(CASE_ROLES);

export const ROLE_NAMES: Readonly<Record<CaseRole, LocalizedText>> = {
  inspector: { zh: '监督员', en: 'Inspector' },
  acceptor: { zh: '受理员', en: 'Acceptor' },
  'shift-leader': { zh: '值班长', en: 'Shift leader' },
  dispatcher: { zh: '派遣员', en: 'Dispatcher' },
  department: { zh: '专业部门', en: 'Department' },
  system: { zh: '系统', en: 'System' },
};

export const CASE_ACTIONS = [
  'report',
  'request-verify',
  'verify',
  'self-fix',
  'accept',
  'file',
  'void',
  'dispatch',
  'return',
  'extend-request',
  'extend-approve',
  'extend-refuse',
  'feedback',
  'request-check',
  'check-pass',
  'rework',
  'close',
  'park',
  'unpark',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];
export const CaseAction = Type.Enum(CASE_ACTIONS);

/** What an action's event must carry besides who and when. */
export type ActionNeed = 'department' | 'until' | 'note';

/** `new`: the action opens a case (there is no stage yet). */
export type FromStage = CaseStage | 'new';

export interface ActionSpec {
  name: LocalizedText;
  /** The stages it may be taken from, each with the roles that may take it there. */
  from: Readonly<Partial<Record<FromStage, readonly CaseRole[]>>>;
  /** The stage it leads to; `resume`: back to the stage the case was parked from. */
  to: CaseStage | 'resume';
  needs?: readonly ActionNeed[];
}

const A: readonly CaseRole[] = ['acceptor'];
const L: readonly CaseRole[] = ['shift-leader'];
const AL: readonly CaseRole[] = ['acceptor', 'shift-leader'];
const D: readonly CaseRole[] = ['department'];
const I: readonly CaseRole[] = ['inspector'];

/**
 * The workflow as one table (docs/domain.md, "Cases"): every transition, who may take it and from where.
 * Anything not here is refused. Choices the sources leave open are noted in docs/domain.md "Cases".
 */
export const ACTIONS: Readonly<Record<CaseAction, ActionSpec>> = {
  // 信息收集: inspectors report from the street, acceptors key in hotline and assigned cases, the system
  // takes video and sensor alarms.
  report: { name: { zh: '上报', en: 'Report' }, from: { new: ['inspector', 'acceptor', 'system'] }, to: 'reported' },
  'request-verify': { name: { zh: '派发核实', en: 'Request verification' }, from: { reported: A }, to: 'verifying' },
  verify: { name: { zh: '核实', en: 'Verify' }, from: { verifying: I }, to: 'reported' },
  // 自行处置: the inspector's own after-photo stands as the check; the shift leader still closes it.
  'self-fix': { name: { zh: '自行处置', en: 'Fixed on the spot' }, from: { reported: I, verifying: I }, to: 'checked' },
  accept: { name: { zh: '受理', en: 'Accept' }, from: { reported: A }, to: 'accepted' },
  file: { name: { zh: '立案', en: 'File' }, from: { accepted: L }, to: 'filed' },
  // 作废 / 不予立案 before filing; after filing (a duplicate found late) only the shift leader may.
  void: {
    name: { zh: '作废', en: 'Void' },
    from: { reported: AL, verifying: AL, accepted: AL, filed: L, returned: L },
    to: 'void',
    needs: ['note'],
  },
  dispatch: { name: { zh: '派遣', en: 'Dispatch' }, from: { filed: ['dispatcher'], returned: ['dispatcher'] }, to: 'handling', needs: ['department'] },
  return: { name: { zh: '回退', en: 'Return' }, from: { handling: D }, to: 'returned', needs: ['note'] },
  'extend-request': { name: { zh: '延期申请', en: 'Request extension' }, from: { handling: D }, to: 'extending', needs: ['until', 'note'] },
  'extend-approve': { name: { zh: '延期批准', en: 'Approve extension' }, from: { extending: L }, to: 'handling' },
  'extend-refuse': { name: { zh: '延期驳回', en: 'Refuse extension' }, from: { extending: L }, to: 'handling' },
  // Finishing while an extension is pending simply drops the request.
  feedback: { name: { zh: '处理反馈', en: 'Report done' }, from: { handling: D, extending: D }, to: 'fed-back' },
  'request-check': { name: { zh: '派发核查', en: 'Request check' }, from: { 'fed-back': A }, to: 'checking' },
  'check-pass': { name: { zh: '核查通过', en: 'Check passed' }, from: { checking: I }, to: 'checked' },
  // 返工: whoever sees it is not fixed sends it back: the acceptor on the feedback, the inspector on site,
  // the shift leader when closing.
  rework: { name: { zh: '返工', en: 'Rework' }, from: { 'fed-back': A, checking: I, checked: L }, to: 'handling', needs: ['note'] },
  close: { name: { zh: '结案', en: 'Close' }, from: { checked: L }, to: 'closed' },
  park: { name: { zh: '挂账', en: 'Park' }, from: { filed: L, returned: L, handling: L, extending: L }, to: 'parked', needs: ['note'] },
  unpark: { name: { zh: '解除挂账', en: 'Unpark' }, from: { parked: L }, to: 'resume' },
};

export function isCaseAction(a: string): a is CaseAction {
  return (CASE_ACTIONS as readonly string[]).includes(a);
}

export function actionName(action: CaseAction, locale: 'zh-CN' | 'en'): string {
  const n = ACTIONS[action].name;
  return locale === 'en' ? n.en : n.zh;
}

/** The roles that may take an action from a stage (empty when the stage does not allow it at all). */
export function rolesFor(action: CaseAction, stage: FromStage): readonly CaseRole[] {
  return ACTIONS[action].from[stage] ?? [];
}

const actionsMemo = new Map<string, readonly CaseAction[]>();

/** The actions a role may take on a case in a stage, in table order (a fresh array each call). */
export function actionsFor(stage: FromStage, role: CaseRole): CaseAction[] {
  // Asked once per event when a history is built (imports: millions of times), so the table is read once.
  const key = `${stage}|${role}`;
  let known = actionsMemo.get(key);
  if (!known) {
    known = CASE_ACTIONS.filter((a) => rolesFor(a, stage).includes(role));
    actionsMemo.set(key, known);
  }
  return [...known];
}

const actorsMemo = new Map<CaseAction, ReadonlySet<CaseRole>>();

/** Whether a role may take an action from any stage at all. */
export function mayEverTake(action: CaseAction, role: CaseRole): boolean {
  let roles = actorsMemo.get(action);
  if (!roles) {
    roles = new Set(Object.values(ACTIONS[action].from).flat());
    actorsMemo.set(action, roles);
  }
  return roles.has(role);
}
