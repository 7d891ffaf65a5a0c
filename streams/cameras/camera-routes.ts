import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { CameraState } from '../../app/camera/camera';
import { CameraSpec, CameraSpecId } from '../../app/camera/camera-spec';
import { CameraView } from '../../app/camera/camera-view';
import { redactUrl } from '../../app/camera/redact-url';
import { ApiError } from '../../app/hall/api-error';
import { inScope } from '../../app/live/scope';
import type { Principal } from '../auth/auth';
import type { CameraFleet } from './camera-fleet';
import type { CameraService, ChangeResult } from './camera-service';

export interface CameraRouteDeps {
  service: CameraService;
  fleet: CameraFleet;
  list(): CameraState[];
  get(id: string): CameraState | undefined;
}

const IdParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' }) });
const bearer = { security: [{ bearer: [] }] };
const who = (p: Principal | undefined) => (p?.name ?? p?.role ?? 'unknown').slice(0, 64);

/** May this principal see the camera: its scope, and only exhibit cameras on an exhibit surface. */
export function canSeeCamera(p: Principal | undefined, c: CameraState | undefined): boolean {
  return c !== undefined && inScope(p?.scope, c) && (p?.role !== 'exhibit' || c.exhibit === true);
}

/**
 * A camera as `GET /api/cameras/{id}` gives it: what the tiles play and its health, never a source URL;
 * operators and admins (who may change cameras) also see the source URLs, redacted.
 */
export function cameraView(c: CameraState, fleet: CameraFleet, p: Principal | undefined): CameraView {
  const spec = fleet.spec(c.id);
  const sub = c.subHls ?? fleet.subHls(c.id);
  const editor = p?.role === 'operator' || p?.role === 'admin';
  const v: CameraView = {
    id: c.id,
    name: c.name,
    groups: c.groups ?? spec?.groups ?? [],
    exhibit: c.exhibit ?? false,
    hls: c.hls,
    health: fleet.health(c),
  };
  for (const k of ['lon', 'lat', 'heading', 'fov', 'street', 'community', 'grid'] as const) if (c[k] !== undefined) Object.assign(v, { [k]: c[k] });
  if (sub) v.sub = { hls: sub, ...(editor && spec?.sub ? { url: redactUrl(spec.sub.url) } : {}) };
  if (c.masks?.length) v.masks = c.masks;
  if (editor && spec) v.main = { url: redactUrl(spec.main.url) };
  if (fleet.isTransient(c.id)) v.transient = true;
  return v;
}

/** `/api/cameras`: the registry, with `cameras.write` on every change and `cameras.read` to look. */
export function registerCameraRoutes(app: FastifyInstance, d: CameraRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const answer = <T>(reply: { code(n: number): { send(b?: unknown): T } }, r: ChangeResult, id: string, p: Principal | undefined): T => {
    if (!r.ok) return reply.code(r.status).send({ error: r.error, message: r.message });
    if (r.status === 204) return reply.code(204).send();
    const c = d.get(id);
    return reply.code(r.status).send(c ? cameraView(c, d.fleet, p) : undefined);
  };
  const errors = { 400: ApiError, 404: ApiError, 409: ApiError, 503: ApiError };

  api.get(
    '/api/cameras',
    { config: { access: 'cameras.read' }, schema: { summary: 'Cameras and their live HLS URLs (in the caller’s scope)', ...bearer, response: { 200: Type.Array(CameraState) } } },
    (req) =>
      d
        .list()
        .filter((c) => canSeeCamera(req.principal, c))
        .map((c) => (req.principal?.role === 'exhibit' ? { ...c, detail: undefined } : c)),
  );

  api.post(
    '/api/cameras',
    { config: { access: 'cameras.write' }, schema: { summary: 'Register a camera (409 if the id exists); its URLs must pass the hall’s source policy', ...bearer, body: CameraSpec, response: { 201: CameraView, ...errors } } },
    async (req, reply) => answer(reply, await d.service.create(req.body, who(req.principal)), req.body.id, req.principal),
  );

  api.get(
    '/api/cameras/:id',
    { config: { access: 'cameras.read' }, schema: { summary: 'A camera as a surface sees it: the HLS the tiles play and its health (never a source URL)', ...bearer, params: IdParams, response: { 200: CameraView, 404: ApiError } } },
    async (req, reply) => {
      const c = d.get(req.params.id);
      if (!c || !canSeeCamera(req.principal, c)) return reply.code(404).send({ error: 'not-found', message: `there is no camera "${req.params.id}" you may see.` });
      return cameraView(c, d.fleet, req.principal);
    },
  );

  api.put(
    '/api/cameras/:id',
    { config: { access: 'cameras.write' }, schema: { summary: 'Replace a camera (a URL sent back redacted, as GET shows it, keeps the stored one)', ...bearer, params: Type.Object({ id: CameraSpecId }), body: CameraSpec, response: { 200: CameraView, ...errors } } },
    async (req, reply) => answer(reply, await d.service.replace(req.params.id, req.body, who(req.principal)), req.params.id, req.principal),
  );

  api.delete(
    '/api/cameras/:id',
    { config: { access: 'cameras.write' }, schema: { summary: 'Remove a camera', ...bearer, params: IdParams, response: { 204: Type.Null(), ...errors } } },
    async (req, reply) => answer(reply, await d.service.remove(req.params.id), req.params.id, req.principal),
  );
}
