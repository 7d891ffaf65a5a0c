import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { CityInfo } from '../../app/city/city';
import type { ResponsibilityGrid } from '../../app/grid/unit-grid';
import type { GridSet } from '../grids/grid-set';
import { LIVE_PROTOCOL_VERSION } from '../../app/live/protocol';
import { Auth } from '../auth/auth';
import { OriginPolicy } from '../auth/origin-policy';
import { loadOrCreateTokens, TokenError, type TokenEntry } from '../auth/tokens';
import type { HallConfig } from '../config/config';
import { ConfigError } from '../config/config';
import { prepareDataDir } from '../config/data-dir';
import { buildHallServer } from '../http/hall-server';
import { TopicRouter } from '../ingest/topic-router';
import { LiveHub, type LiveHubOptions } from '../live/live-hub';
import { createLiveMetrics } from '../live/live-metrics';
import type { LiveRouteOptions } from '../live/live-route';
import { LogLimiter } from '../log/log-limiter';
import { createHallMetrics, type HallMetrics } from '../metrics/hall-metrics';
import { bindPort, netListener } from '../net/bind-port';
import { startCluster } from './cluster-link';
import { connectDatabase, type DatabaseLink } from './connect-database';
import { createHallContext, openHallDb } from './hall-context';
import type { Clock, HallModule } from './hall-module';
import { ModuleHost } from './module-host';
import { standardModules, type StandardModules } from './standard-modules';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface Hall {
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:8750 */
  url: string;
  /** The broker URL terminals should publish to. */
  mqttUrl: string;
  /** The broker URL this process connects to (differs from mqttUrl behind NAT or a proxy). */
  brokerUrl: string;
  broker: 'embedded' | 'external';
  instanceId: string;
  /** Things the operator should know about start-up (a moved port, a missing tool, where tokens are). */
  notices: string[];
  city: CityInfo;
  config: HallConfig;
  /** The hall's capabilities, by name: their public APIs (the demo and tests use these, nothing else). */
  modules: StandardModules;
  hub: LiveHub;
  database: DatabaseLink;
  metrics: HallMetrics;
  auth: Auth;
  /** A wall URL that works as is: the wall token travels in the fragment (never sent to a server log). */
  wallUrl(): string;
  /** Feeds a message to ingest as an external broker would deliver it (tools and tests). */
  inject(topic: string, payload: Buffer | string): void;
  stop(): Promise<void>;
}

export interface HallOptions {
  city: CityInfo;
  /** The district's unit grids (see city/hall-city.ts), if it has them. */
  grids?: GridSet;
  responsibility?: ResponsibilityGrid[];
  rendererDir?: string;
  live?: LiveRouteOptions;
  hub?: Partial<LiveHubOptions>;
  /** Where operational warnings go (rate-limited); stderr by default. */
  warn?: (line: string) => void;
  /** Modules beyond the standard ones (a city's own capability, a test's). */
  modules?: HallModule[];
  /** Credentials for this process only (the demo's simulator), never written anywhere. */
  tokens?: TokenEntry[];
  clock?: Clock;
}

/**
 * Starts the hall: data dir and credentials, database, the modules (patrols, tracks, reports, cameras, …),
 * MQTT (embedded or external, with the cluster bus), the live fan-out and HTTP. Plain wiring: what each
 * capability does lives in its module.
 */
export async function startHall(config: HallConfig, opts: HallOptions): Promise<Hall> {
  const started = Date.now();
  const instanceId = randomBytes(6).toString('hex');
  const notices: string[] = [];
  const cleanups: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  };
  const clock = opts.clock ?? { now: () => Date.now() };
  const log = new LogLimiter(opts.warn ?? ((line: string) => process.stderr.write(`${line}\n`)));

  try {
    await prepareDataDir(config.dataDir);
    const { tokens, file, added } = await loadOrCreateTokens(config.tokens, config.dataDir).catch((err: unknown) => {
      throw err instanceof TokenError ? new ConfigError('GRIDWALL_TOKENS', err.message) : err;
    });
    if (file && added.length) notices.push(`new tokens (${added.join(', ')}) were written to ${file}`);
    else if (file) notices.push(`tokens are in ${file}`);
    const auth = new Auth([...tokens, ...(opts.tokens ?? [])], config.unitsPerToken);

    const metrics = createHallMetrics();
    const liveMetrics = createLiveMetrics(metrics.registry);
    const database = await connectDatabase(config, (l) => log.warn('db', l));
    cleanups.push(() => database.close());

    const { context, registry } = createHallContext({
      config,
      city: opts.city,
      grids: opts.grids,
      responsibility: opts.responsibility ?? [],
      auth,
      clock,
      metrics,
      log,
      db: openHallDb(database),
    });
    if (opts.grids) notices.push(`${opts.grids.features.length} unit grids from ${opts.grids.source}`);
    const hub = new LiveHub(registry, { ...opts.hub, metrics: liveMetrics });
    const router = new TopicRouter(config.topicPrefix, config.ingest.maxPayloadBytes, context.ingest);
    const host = new ModuleHost({ context, registry, hub, router, limiter: log, liveMetrics });
    cleanups.push(() => host.stop());
    const modules = standardModules();
    for (const m of [...Object.values(modules), ...(opts.modules ?? [])]) await host.add(m);
    context.db.migrateWith(host.migrations(), (db) => host.databaseReady(db, (l) => log.warn('db', l)));

    const cluster = await startCluster({ config, instanceId, auth, router, host, registry, metrics, clock, db: context.db, log });
    cleanups.push(() => cluster.stop());
    notices.push(...cluster.notices);

    const tick = setInterval(() => {
      cluster.flush();
      hub.flush(clock.now());
    }, config.tickMs);
    cleanups.push(() => clearInterval(tick));

    const mqttUrl = config.mqttPublicUrl ?? cluster.url;
    const app = await buildHallServer({
      version: VERSION,
      city: opts.city,
      auth,
      health: () => ({
        ok: true,
        version: VERSION,
        mqtt: mqttUrl,
        broker: cluster.kind,
        brokerConnected: cluster.connected(),
        uptimeS: Math.round((Date.now() - started) / 1000),
        live: { epoch: hub.epoch, seq: hub.currentSeq, clients: hub.clientCount, protocol: LIVE_PROTOCOL_VERSION },
        db: { engine: database.engine, ready: context.db.current() !== undefined, ...(context.db.error() ? { error: context.db.error() } : {}) },
        instance: instanceId,
        ...host.health(),
      }),
      session: (p) => ({
        role: p.role,
        audience: p.role === 'exhibit' ? 'exhibit' : 'full',
        ...(p.scope ? { scope: p.scope } : {}),
        ...(p.name ? { name: p.name } : {}),
        silence: config.silence,
        protocol: LIVE_PROTOCOL_VERSION,
        serverTime: clock.now(),
      }),
      metrics: metrics.registry,
      onBadIngestBody: (reason) => context.ingest.rejected(reason, 'http', 'a request body'),
      maxBodyBytes: Math.max(config.ingest.maxPayloadBytes, 64 * 1024),
      live: {
        hub,
        origins: new OriginPolicy(config.host, config.allowedHosts),
        metrics: liveMetrics,
        log: { warn: (kind, m) => log.warn(`live:${kind}`, m) },
        ...(opts.live ? { options: opts.live } : {}),
      },
      registerModuleRoutes: (a) => host.registerRoutes(a),
      rendererDir: opts.rendererDir,
      mediaSources: (h) => host.mediaSources(h),
    });
    cleanups.push(() => app.close());
    await app.ready();
    const bound = await bindPort(config.http, config.movePortsWhenBusy, netListener(app.server, config.host), { setting: 'HOST', value: config.host });
    if (bound.movedFrom !== undefined) {
      notices.push(`HTTP port ${bound.movedFrom} is busy; the hall server listens on port ${bound.port} instead. Set PORT to choose.`);
    }
    const address = app.server.address() as AddressInfo;
    const host4 = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    const url = `http://${host4.includes(':') ? `[${host4}]` : host4}:${address.port}`;
    return {
      url,
      mqttUrl,
      brokerUrl: cluster.url,
      broker: cluster.kind,
      instanceId,
      notices,
      city: opts.city,
      config,
      modules,
      hub,
      database,
      metrics,
      auth,
      inject: (topic, payload) => router.onMessage(topic, typeof payload === 'string' ? Buffer.from(payload) : payload, clock.now()),
      wallUrl: () => {
        const token = auth.tokenOf('wall');
        return token ? `${url}/#token=${encodeURIComponent(token)}` : `${url}/`;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
