import { createHash } from 'node:crypto';
import { allows, type Permission, type Role } from '../../app/auth/roles';
import type { LiveScope } from '../../app/live/scope';
import type { TokenEntry } from './tokens';
import { readTicket, signTicket, verifyTicket } from './url-ticket';

/** Who is asking: the role and limits of the token they presented. Never carries the token itself. */
export interface Principal {
  role: Role;
  /** A short, stable id of the credential (a hash prefix), for logs, metrics and unit claims. */
  credential: string;
  name?: string;
  /** Sub-centre tokens: the part of the city they may see. Undefined means the whole city. */
  scope?: LiveScope;
  /** Terminal tokens bound to units. */
  units?: readonly string[];
  /** Department tokens: the departments it speaks for. */
  departments?: readonly string[];
  maxUnits: number;
}

export type UnitClaim = 'ok' | 'not-bound' | 'too-many-units';

/** sha256 hex of a token: the map key tokens are found by (a one-way hash, so lookups leak nothing). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The hall's credentials: finds the principal behind a token, and limits how many distinct units one
 * terminal or gateway credential may speak for (so a leaked or misconfigured token cannot flood the hall
 * with ghost units). The same instance serves HTTP, `/live` and the MQTT ingest.
 */
export class Auth {
  private readonly byHash = new Map<string, { entry: TokenEntry; principal: Principal }>();
  private readonly byId = new Map<string, Principal>();
  /** Credential id → its token, to sign and check URL tickets (never leaves this object). */
  private readonly tokenById = new Map<string, string>();
  /** Per credential, the unit ids it has spoken for (in this process). */
  private readonly claims = new Map<string, Set<string>>();

  constructor(
    entries: readonly TokenEntry[],
    private readonly unitsPerToken = 500,
  ) {
    for (const e of entries) this.add(e);
  }

  /** Adds a credential (the demo's simulator gets one of its own at start). */
  add(entry: TokenEntry): Principal {
    const hash = tokenHash(entry.token);
    const principal: Principal = { role: entry.role, credential: hash.slice(0, 12), maxUnits: entry.maxUnits ?? this.unitsPerToken };
    if (entry.name) principal.name = entry.name;
    if (entry.scope) principal.scope = entry.scope;
    if (entry.units) principal.units = entry.units;
    if (entry.departments) principal.departments = entry.departments;
    this.byHash.set(hash, { entry, principal });
    this.byId.set(principal.credential, principal);
    this.tokenById.set(principal.credential, entry.token);
    return principal;
  }

  authenticate(token: string | undefined): Principal | undefined {
    if (!token) return undefined;
    return this.byHash.get(tokenHash(token))?.principal;
  }

  /** The principal behind an `Authorization: Bearer <token>` header. */
  fromHeader(authorization: string | undefined): Principal | undefined {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    return this.authenticate(m?.[1]);
  }

  /**
   * A ticket for `purpose` (e.g. `video`) on behalf of `p`, ending at `expiresAtMs`: what a browser puts in
   * a URL where it cannot send the header (see url-ticket.ts). Undefined for a credential this hall lacks.
   */
  ticket(p: Principal, purpose: string, expiresAtMs: number): string | undefined {
    const token = this.tokenById.get(p.credential);
    return token === undefined ? undefined : signTicket(token, p.credential, purpose, expiresAtMs);
  }

  /** The principal behind a URL ticket for `purpose`, if it is genuine and has not ended. */
  fromTicket(ticket: string | undefined, purpose: string, nowMs: number): Principal | undefined {
    const claim = ticket ? readTicket(ticket) : undefined;
    const token = claim ? this.tokenById.get(claim.credential) : undefined;
    if (!ticket || !claim || token === undefined || !verifyTicket(ticket, token, purpose, nowMs)) return undefined;
    return this.byId.get(claim.credential);
  }

  /** A token of this role, for the launcher to hand to the wall it opens (never printed for other roles). */
  tokenOf(role: Role): string | undefined {
    for (const { entry } of this.byHash.values()) if (entry.role === role && !entry.scope) return entry.token;
    return undefined;
  }

  /** May this credential speak for `unitId`? Bound tokens: only their units. Others: up to maxUnits distinct ones. */
  claimUnit(p: Principal, unitId: string): UnitClaim {
    if (p.role === 'admin') return 'ok';
    if (p.units) return p.units.includes(unitId) ? 'ok' : 'not-bound';
    let set = this.claims.get(p.credential);
    if (!set) this.claims.set(p.credential, (set = new Set()));
    if (set.has(unitId)) return 'ok';
    if (set.size >= p.maxUnits) return 'too-many-units';
    set.add(unitId);
    return 'ok';
  }

  /** A principal by credential id (the embedded broker reports which credential published a message). */
  byCredential(credential: string): Principal | undefined {
    return this.byId.get(credential);
  }

  /** What the embedded broker needs to authenticate MQTT clients: hashes, never tokens. */
  mqttCredentials(): MqttCredential[] {
    const out: MqttCredential[] = [];
    for (const [hash, { principal }] of this.byHash) {
      if (principal.role !== 'terminal' && principal.role !== 'gateway' && principal.role !== 'admin') continue;
      const c: MqttCredential = { hash, role: principal.role, credential: principal.credential };
      if (principal.units) c.units = [...principal.units];
      out.push(c);
    }
    return out;
  }

  can(p: Principal | undefined, permission: Permission): boolean {
    return p !== undefined && allows(permission, p.role);
  }
}

export interface MqttCredential {
  hash: string;
  role: 'terminal' | 'gateway' | 'admin';
  credential: string;
  units?: string[];
}
