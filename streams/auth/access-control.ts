import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { holders, type Permission } from '../../app/auth/roles';
import type { Auth, Principal } from './auth';

/** What a route requires: a permission from the roles table, or nothing (`public`). */
export type Access = Permission | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route under /api, /metrics, /open311, /video and /live declares this (docs/architecture.md, "Roles"). */
    access?: Access;
    /**
     * Also accept a URL ticket for this purpose in `?vt=` (auth.ticket): for HLS fetched from the hall's
     * extra video host names, where a header would cost a CORS preflight per segment.
     */
    ticket?: string;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

/** Paths whose routes must declare their access. The wall app's static files are public by nature. */
const GUARDED = /^\/(api|metrics|open311|video|live)(\/|$)/;

/** Routes a plugin registers for us (static video files) get their access here, by prefix. */
const BY_PREFIX: ReadonlyArray<readonly [string, Access]> = [['/video/', 'video.read']];

export class AccessDeclarationError extends Error {}

/**
 * Installs the hall's access control: every guarded route must declare its access (checked when the
 * route is added, so a route without one never starts), and the check runs in `onRequest`, before the
 * body is even read, so an unauthenticated client costs nothing and learns nothing.
 */
export function installAccessControl(app: FastifyInstance, auth: Auth): void {
  app.decorateRequest('principal', undefined);

  app.addHook('onRoute', (route) => {
    if (!GUARDED.test(route.url)) return;
    const declared = route.config?.access;
    if (declared) return;
    const inherited = BY_PREFIX.find(([prefix]) => route.url.startsWith(prefix))?.[1];
    if (!inherited) throw new AccessDeclarationError(`route ${String(route.method)} ${route.url} declares no access (config.access)`);
    route.config = { ...route.config, access: inherited };
  });

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const access = req.routeOptions.config.access;
    if (!access || access === 'public') return;
    const purpose = req.routeOptions.config.ticket;
    const vt = purpose && !req.headers.authorization ? (req.query as { vt?: unknown } | undefined)?.vt : undefined;
    const principal = auth.fromHeader(req.headers.authorization) ?? (typeof vt === 'string' && purpose ? auth.fromTicket(vt, purpose, Date.now()) : undefined);
    if (!principal) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: 'unauthorized', message: `Send "Authorization: Bearer <token>" with a token of role ${holders(access)}.` });
    }
    if (!auth.can(principal, access)) {
      return reply.code(403).send({ error: 'forbidden', message: `A ${principal.role} token may not do this; it needs ${holders(access)}.` });
    }
    req.principal = principal;
  });
}
