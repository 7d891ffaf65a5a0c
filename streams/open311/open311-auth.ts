import type { FastifyRequest } from 'fastify';
import type { Role } from '../../app/auth/roles';
import type { Auth, Principal } from '../auth/auth';
import { field, type Open311Form } from './form-body';
import { forbidden } from './open311-errors';

/**
 * Who may file and follow service requests: the hotline system (its Open311 `api_key`), the operator
 * console and the administrator. Requests carry what citizens said, so reading them needs a key too,
 * although the spec leaves GET requests open.
 */
export const OPEN311_ROLES: readonly Role[] = ['hotline', 'operator', 'admin'];

/** The key a client sent: `api_key` in the query or the form, or an `Authorization: Bearer` header. */
function apiKeyOf(req: FastifyRequest, form?: Open311Form): string | undefined {
  const query = req.query as Record<string, unknown> | undefined;
  const q = query?.api_key;
  if (typeof q === 'string' && q) return q;
  const f = form ? field(form, 'api_key') : undefined;
  if (f) return f;
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

/**
 * The principal behind the request's api_key, or a 403 in the spec's error format. The route itself is
 * declared public so the hall's Bearer-only hook does not answer 401 first.
 */
export function requireApiKey(auth: Auth, req: FastifyRequest, form?: Open311Form): Principal {
  const key = apiKeyOf(req, form);
  if (!key) throw forbidden('api_key was not provided: send the token of role hotline as api_key.');
  const principal = auth.authenticate(key);
  if (!principal) throw forbidden('api_key is not valid.');
  if (!OPEN311_ROLES.includes(principal.role)) throw forbidden(`A ${principal.role} api_key may not do this; it needs ${OPEN311_ROLES.join(', ')}.`);
  return principal;
}
