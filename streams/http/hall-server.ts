import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { CameraState } from '../../app/camera/camera';
import { CityInfo } from '../../app/city/city';
import { Health } from '../../app/hall/health';
import type { LiveHub } from '../live/live-hub';
import { registerLiveRoute, type LiveRouteOptions } from '../live/live-route';
import { registerPatrolRoutes, type PatrolRouteDeps } from './patrol-routes';
import { registerReportAndMetricRoutes } from './report-routes';
import { contentSecurityPolicy } from './security-headers';
import type { HallMetrics } from '../metrics/hall-metrics';
import type { ReportState } from '../../app/report/inspector-report';

export interface HallServerDeps {
  version: string;
  city: CityInfo;
  hub: LiveHub;
  health: () => Health;
  cameras: () => CameraState[];
  reports: () => ReportState[];
  patrolRoutes: PatrolRouteDeps;
  metrics: HallMetrics;
  maxBodyBytes: number;
  /** The built renderer (dist/renderer); undefined or missing means the wall is not built yet. */
  rendererDir?: string;
  videoRoot: string;
  live?: LiveRouteOptions;
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

  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy() },
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
    if (reason && req.url.includes('/positions')) deps.metrics.ingestRejected.labels(reason, 'http').inc();
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) req.log.error(err);
    return reply.code(status).send({ error: reason ?? (status === 500 ? 'internal' : 'bad-request'), message: status === 500 ? 'Internal error' : err.message });
  });

  app.get('/api/health', { schema: { summary: 'Liveness and broker URL', response: { 200: Health } } }, () => deps.health());
  app.get('/api/city', { schema: { summary: 'The supervised district: outline and places (WGS84)', response: { 200: CityInfo } } }, () => deps.city);
  app.get('/api/cameras', { schema: { summary: 'Cameras and their live HLS URLs', response: { 200: Type.Array(CameraState) } } }, () => deps.cameras());
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  registerPatrolRoutes(app, deps.patrolRoutes);
  registerReportAndMetricRoutes(app, { reports: deps.reports, metrics: deps.metrics });
  registerLiveRoute(app, deps.hub, deps.live);

  await app.register(fastifyStatic, {
    root: path.resolve(deps.videoRoot),
    prefix: '/video/',
    decorateReply: false,
    cacheControl: false,
    setHeaders: (res, file) => {
      // Live playlists change every second; segments never change once written.
      res.header('Cache-Control', file.endsWith('.m3u8') ? 'no-cache, no-store' : 'public, max-age=120, immutable');
    },
  });

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
