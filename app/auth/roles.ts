/**
 * Who may see and do what: the one table of roles and permissions (docs/architecture.md, "Roles").
 * Every HTTP route declares a permission from this table; the live protocol and the MQTT broker use the
 * same roles. Admin may do everything.
 */
export const ROLES = [
  /** A field terminal (城管通 handset): MQTT username = its unit id. Sends its own fixes and reports. */
  'terminal',
  /** A platform relaying many terminals or cameras (a vendor's 城管通 server, a video platform, the simulator). */
  'gateway',
  /** A wall surface in the hall: sees the whole city live. */
  'wall',
  /** The operator console (also accepted as `console`): sees everything, changes wall state and cameras. */
  'operator',
  /** A leader's briefing surface: sees everything, changes nothing. */
  'leader',
  /** An exhibit (参观模式) surface for visiting delegations: live, but personal data is masked. */
  'exhibit',
  /** A street sub-centre's surface: its own streets only. */
  'subcentre',
  /** The 12345/12319 hotline system (Open311 `api_key`): creates hotline cases and follows them. */
  'hotline',
  /** 受理员 (supervision centre): accepts reports, sends verify and check tasks, keys in hotline cases. */
  'acceptor',
  /** 值班长: files, closes, approves extensions, parks and voids cases. */
  'shift-leader',
  /** 派遣员 (command centre): dispatches filed cases to departments. */
  'dispatcher',
  /** 专业部门 / 责任单位: handles the cases dispatched to it (token `department@<dept>+<dept>`). */
  'department',
  /** Prometheus and other monitoring: /metrics only. */
  'monitor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Accepted spellings that map onto a role: the console is the operator's surface. */
export const ROLE_ALIASES: Readonly<Record<string, Role>> = { console: 'operator', 'sub-centre': 'subcentre' };

export function parseRole(raw: string): Role | undefined {
  const r = raw.trim().toLowerCase();
  return (ROLES as readonly string[]).includes(r) ? (r as Role) : ROLE_ALIASES[r];
}

/** Roles that open `/live` as a surface. */
export const SURFACE_ROLES: readonly Role[] = ['wall', 'operator', 'leader', 'exhibit', 'subcentre', 'admin'];

/** Roles that connect to the MQTT broker. */
export const MQTT_ROLES: readonly Role[] = ['terminal', 'gateway', 'admin'];

/**
 * Permissions, each with the roles that hold it. Positions, tracks and reports are personal data
 * (where a named inspector is, what a citizen reported): exhibit surfaces get them only masked, through
 * `/live`, never raw from the API.
 */
export const PERMISSIONS = {
  /** District outline and place names: public geography, but still only for the hall's own surfaces. */
  'city.read': ['wall', 'operator', 'leader', 'exhibit', 'subcentre'],
  'session.read': ['wall', 'operator', 'leader', 'exhibit', 'subcentre', 'terminal', 'gateway', 'hotline', 'monitor'],
  'live.read': SURFACE_ROLES,
  'patrols.read': ['wall', 'operator', 'leader', 'subcentre'],
  'tracks.read': ['wall', 'operator', 'leader', 'subcentre'],
  'reports.read': ['wall', 'operator', 'leader', 'subcentre'],
  'cameras.read': ['wall', 'operator', 'leader', 'exhibit', 'subcentre'],
  'video.read': ['wall', 'operator', 'leader', 'exhibit', 'subcentre'],
  'positions.write': ['terminal', 'gateway'],
  'reports.write': ['terminal', 'gateway'],
  'cameras.write': ['operator'],
  /** Unit grids, place areas, locating a point, heat points: geography, no personal data. */
  'grids.read': ['wall', 'operator', 'leader', 'exhibit', 'subcentre', 'gateway', 'hotline', 'acceptor', 'shift-leader', 'dispatcher', 'department'],
  /**
   * Cases with what citizens and inspectors wrote about them (personal data): the hall's own desks and
   * surfaces, a department its own cases (checked by the cases module), never an exhibit surface.
   */
  'cases.read': ['wall', 'operator', 'leader', 'subcentre', 'acceptor', 'shift-leader', 'dispatcher', 'department', 'hotline'],
  /** Opening a case: inspectors' terminals and their gateways, the operator (video capture), the hotline, acceptors. */
  'cases.write': ['terminal', 'gateway', 'operator', 'hotline', 'acceptor'],
  /** Taking a workflow action; which action each role may take in which stage is the workflow's table (app/case). */
  'cases.act': ['terminal', 'acceptor', 'shift-leader', 'dispatcher', 'department', 'operator'],
  /** KPIs and rankings (by inspector they name people: the cases module refuses that view to exhibit). */
  'kpis.read': ['wall', 'operator', 'leader', 'exhibit', 'subcentre', 'acceptor', 'shift-leader', 'dispatcher', 'department'],
  /**
   * Evidence frames and clips (people and plates in the picture) and their custody: the desks that act on
   * them, never a wall or exhibit surface. Every view and export is itself logged in custody.
   */
  'evidence.read': ['operator', 'leader', 'shift-leader', 'acceptor'],
  /** Capturing evidence from a camera and opening its case: the operator at the console or a wall tile. */
  'evidence.write': ['operator'],
  /**
   * Raising an alarm (告警) that pauses the tour and brings its camera onto the CCTV wall: the machines that
   * detect (a video analytics platform, an IoT sensor gateway) and the operator (a drill, a phoned-in alarm).
   */
  'alarms.write': ['gateway', 'operator'],
  /** Acknowledging an alarm, which gives the wall back: the operator on duty. */
  'alarms.ack': ['operator'],
  /**
   * Alarms with the platform's text (it may name people or plates): the hall's surfaces and desks, a
   * sub-centre its own streets; exhibit surfaces only see them masked on `/live`.
   */
  'alarms.read': ['wall', 'operator', 'leader', 'subcentre', 'acceptor', 'shift-leader', 'dispatcher'],
  /** What every window of the wall shows: focus a grid, presets, tours. */
  'wall.control': ['operator', 'leader'],
  'metrics.read': ['monitor'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function allows(permission: Permission, role: Role): boolean {
  return role === 'admin' || (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Who holds a permission, in words for an error message. */
export function holders(permission: Permission): string {
  return [...PERMISSIONS[permission], 'admin'].join(', ');
}

/** What a live surface of this role may see: everything, or a masked view for visitors. */
export type Audience = 'full' | 'exhibit';

export function audienceOf(role: Role): Audience {
  return role === 'exhibit' ? 'exhibit' : 'full';
}
