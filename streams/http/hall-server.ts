import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Registry } from 'prom-client';
import { CityInfo } from '../../app/city/city';
import { Health } from '../../app/hall/health';
import { SurfaceSession } from '../../app/hall/surface-session';
import { installAccessControl } from '../auth/access-control';
import type { Auth, Principal } from '../auth/auth';
import { registerLiveRoute, type LiveRouteDeps } from '../live/live-route';
import { contentSecurityPolicy } from './security-headers';

export interface HallServerDeps {
  version: string;
  city: CityInfo;
  auth: Auth;
  health: () => Health;
  /** What a surface learns about itself from its token. */
  session: (principal: Principal) => SurfaceSession;
  metrics: Registry;
  /** Counts a bad body on the ingest route like a bad MQTT payload. */
  onBadIngestBody: (reason: 'bad-json' | 'too-large') => void;
  maxBodyBytes: number;
  live: Omit<LiveRouteDeps, 'auth'>;
  /** Each module's routes. */
  registerModuleRoutes: (app: FastifyInstance) => void;
  /** The built renderer (dist/renderer); undefined or missing means the wall is not built yet. */
  rendererDir?: string;
  /** Origins pages may fetch media from besides the hall's own, for a page that came by `host`. */
  mediaSources?: (host: string | undefined) => readonly string[];
  logLevel?: string;
}

/** The hall server's HTTP surface: JSON API under /api, /metrics, the wall app, live HLS and the /live socket. */
export async function buildHallServer(deps: HallServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: deps.logLevel ?? 'warn' },
    // We create the server so the caller binds it (and handles a busy port) after ready().
    serverFactory: (handler) => http.createServer(handler),
    bodyLimit: deps.maxBodyBytes,
    forceCloseConnections: true,
    // Validation must never rewrite input: no type coercion, no silent removal of unknown fields.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  installAccessControl(app, deps.auth);
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy((req) => deps.mediaSources?.(req.headers.host) ?? []) },
    // The wall pulls HLS and fonts only from itself; no cross-origin isolation needed.
    crossOriginEmbedderPolicy: false,
    hsts: false,
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'GridWall hall server', version: deps.version, description: 'City-management command-hall API' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });

  // Bad bodies get a clear JSON error; on the ingest route they are counted like bad MQTT payloads.
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const badJson = err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY';
    const reason = badJson ? 'bad-json' : err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'too-large' : undefined;
    if (reason && req.url.includes('/positions')) deps.onBadIngestBody(reason);
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) req.log.error(err);
    const code = reason ?? (err.validation ? 'bad-request' : status === 500 ? 'internal' : 'bad-request');
    return reply.code(status).send({ error: code, message: status === 500 ? 'Internal error' : err.message });
  });

  const auth = { security: [{ bearer: [] }] };
  app.get('/api/health', { config: { access: 'public' }, schema: { summary: 'Liveness and broker URL (open to anyone)', response: { 200: Health } } }, () => deps.health());
  app.get('/api/city', { config: { access: 'city.read' }, schema: { summary: 'The supervised district: outline and places (WGS84)', ...auth, response: { 200: CityInfo } } }, () => deps.city);
  app.get('/api/session', { config: { access: 'session.read' }, schema: { summary: 'Who the caller is to the hall: role, scope, live settings', ...auth, response: { 200: SurfaceSession } } }, (req) =>
    deps.session(req.principal as Principal),
  );
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());
  app.get('/metrics', { config: { access: 'metrics.read' }, schema: { hide: true } }, async (_req, reply) => {
    reply.type(deps.metrics.contentType);
    return deps.metrics.metrics();
  });
  deps.registerModuleRoutes(app);
  registerLiveRoute(app, { ...deps.live, auth: deps.auth });


  const rendererDir = deps.rendererDir && existsSync(path.join(deps.rendererDir, 'index.html')) ? deps.rendererDir : undefined;
  if (rendererDir) {
    // Wildcard serving reads the directory per request, so a rebuild is served without a restart.
    await app.register(fastifyStatic, { root: path.resolve(rendererDir), prefix: '/', index: 'index.html' });
  }
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    const isAppRoute = req.method === 'GET' && !/^\/(api|video|live|metrics|open311)(\/|$)/.test(url) && !path.extname(url);
    if (isAppRoute && rendererDir) return reply.type('text/html').sendFile('index.html', rendererDir);
    if (isAppRoute) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The wall app is not built yet: run `npm run build` (npm start does this for you).');
    }
    return reply.code(404).send({ error: 'not-found', message: `No route for ${req.method} ${url}` });
  });
  return app;
}
