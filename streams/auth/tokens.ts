import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../config/config';

export interface RoleToken {
  role: Role;
  token: string;
}

/** Bearer tokens and the role each grants. Admin may do anything. Comparison is constant-time. */
export class TokenRoles {
  private readonly entries: Array<{ role: Role; token: Buffer }>;

  constructor(tokens: readonly RoleToken[]) {
    this.entries = tokens.map((t) => ({ role: t.role, token: Buffer.from(t.token) }));
  }

  roleOf(authorization: string | undefined): Role | undefined {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!m?.[1]) return undefined;
    const given = Buffer.from(m[1]);
    let found: Role | undefined;
    for (const e of this.entries) {
      if (e.token.length === given.length && timingSafeEqual(e.token, given)) found = e.role;
    }
    return found;
  }

  /** A Fastify preHandler that admits the given roles (and admin), with a clear 401/403 otherwise. */
  require(...roles: Role[]) {
    return async (req: FastifyRequest, reply: FastifyReply) => {
      const role = this.roleOf(req.headers.authorization);
      if (!role) {
        return reply.code(401).send({ error: 'unauthorized', message: `Send "Authorization: Bearer <token>" with a ${roles.join(' or ')} token.` });
      }
      if (role !== 'admin' && !roles.includes(role)) {
        return reply.code(403).send({ error: 'forbidden', message: `A ${role} token may not do this; it needs ${roles.join(' or ')}.` });
      }
    };
  }
}

/**
 * Tokens from GRIDWALL_TOKENS, else from `<data dir>/tokens.json`, created on first start with random
 * tokens (readable by the owner only) so a fresh hall is never open to anyone on the network.
 */
export async function loadOrCreateTokens(configured: readonly RoleToken[], dataDir: string): Promise<{ tokens: RoleToken[]; file?: string }> {
  if (configured.length) return { tokens: [...configured] };
  const file = path.join(dataDir, 'tokens.json');
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as RoleToken[];
    if (Array.isArray(parsed) && parsed.every((t) => typeof t.token === 'string' && typeof t.role === 'string')) return { tokens: parsed, file };
  } catch {
    // missing or unreadable: make new ones
  }
  const tokens: RoleToken[] = (['terminal', 'operator', 'admin'] as const).map((role) => ({ role, token: randomBytes(24).toString('base64url') }));
  await writeFile(file, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600).catch(() => {});
  return { tokens, file };
}
