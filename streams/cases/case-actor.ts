import type { CaseActor, CaseSource } from '../../app/case/case';
import { CASE_ROLES, rolesFor, type CaseAction, type CaseRole, type FromStage } from '../../app/case/case-actions';
import type { Role } from '../../app/auth/roles';
import type { Principal } from '../auth/auth';

/** Who a credential is in the case workflow; undefined when it has no part in it. */
export type ActorChoice = { ok: true; actor: CaseActor } | { ok: false; status: 403; reason: string };

const label = (p: Principal) => (p.name ?? p.credential).replace(/[^A-Za-z0-9_.:@-]/g, '-').slice(0, 48) || p.credential;

/** The hall's roles that are one case role. The operator's console sits with the acceptors (受理). */
const DESK: Partial<Record<Role, CaseRole>> = {
  acceptor: 'acceptor',
  'shift-leader': 'shift-leader',
  dispatcher: 'dispatcher',
  operator: 'acceptor',
  hotline: 'acceptor',
};

/**
 * The case actor behind a credential for an action (`report` opens a case). A terminal is the inspector of
 * its (single) bound unit; a department token its department — the one the case is with when it holds
 * several; admin acts as `as` or the first role the stage allows.
 */
export function actorFor(p: Principal, action: CaseAction, stage: FromStage, ctx: { as?: CaseRole; department?: string } = {}): ActorChoice {
  const deny = (reason: string): ActorChoice => ({ ok: false, status: 403, reason });
  if (p.role === 'admin') {
    const role = ctx.as ?? rolesFor(action, stage)[0] ?? 'acceptor';
    const id = role === 'department' ? (ctx.department ?? 'admin') : `admin:${label(p)}`;
    return { ok: true, actor: { role, id: id.slice(0, 64) } };
  }
  if (p.role === 'terminal') {
    const unit = p.units?.length === 1 ? p.units[0] : undefined;
    if (!unit) return deny('a terminal token acts on cases as its inspector: bind it to one unit (terminal@<unit>:<token>).');
    return { ok: true, actor: { role: 'inspector', id: unit } };
  }
  if (p.role === 'gateway') {
    if (action !== 'report') return deny('a gateway may open cases (inspector reports, sensors), not move them.');
    return { ok: true, actor: { role: 'system', id: `gateway:${label(p)}` } };
  }
  if (p.role === 'department') {
    const depts = p.departments ?? [];
    const dept = ctx.department && depts.includes(ctx.department) ? ctx.department : undefined;
    if (!dept) return deny(`this case is not with ${depts.join(' / ') || 'your department'}: a department acts only on the cases dispatched to it.`);
    return { ok: true, actor: { role: 'department', id: dept } };
  }
  const role = DESK[p.role];
  if (!role) return deny(`a ${p.role} token takes no part in the case workflow.`);
  return { ok: true, actor: { role, id: `${p.role === role ? '' : `${p.role}:`}${label(p)}`.slice(0, 64) } };
}

/** The sources a credential may open cases from: the hotline files hotline cases, terminals inspector ones. */
export function sourcesFor(role: Role): readonly CaseSource[] | 'any' {
  switch (role) {
    case 'terminal':
      return ['inspector'];
    case 'gateway':
      return ['inspector', 'sensor', 'video'];
    case 'hotline':
      return ['hotline-12345', 'hotline-12319', 'public-app'];
    default:
      return 'any';
  }
}

export function isCaseRole(r: string): r is CaseRole {
  return (CASE_ROLES as readonly string[]).includes(r);
}
