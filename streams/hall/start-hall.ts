import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { CityInfo } from '../../app/city/city';
import type { Health } from '../../app/hall/health';
import { MAX_FIXES_PER_MESSAGE } from '../../app/patrol/position-fix';
import { loadOrCreateTokens, TokenRoles } from '../auth/tokens';
import { ClusterBus } from '../cluster/cluster-bus';
import type { HallConfig } from '../config/config';
import { buildHallServer } from '../http/hall-server';
import { IngestPipeline } from '../ingest/ingest-pipeline';
import { RateLimiter } from '../ingest/rate-limiter';
import { LiveHub, type LiveHubOptions } from '../live/live-hub';
import type { LiveRouteOptions } from '../live/live-route';
import { LogLimiter } from '../log/log-limiter';
import { createHallMetrics, type HallMetrics } from '../metrics/hall-metrics';
import { bindPort, netListener } from '../net/bind-port';
import { recentReports, insertReport } from '../reports/report-store';
import { deleteFixesBefore, latestFixes } from '../tracks/track-queries';
import { TrackWriter } from '../tracks/track-writer';
import { serviceArea } from './service-area';
import { connectBroker, type BrokerLink } from './connect-broker';
import { connectDatabase, type DatabaseLink } from './connect-database';
import { HallState } from './hall-state';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

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
  state: HallState;
  hub: LiveHub;
  ingest: IngestPipeline;
  tracks: TrackWriter;
  database: DatabaseLink;
  metrics: HallMetrics;
  auth: TokenRoles;
  config: HallConfig;
  stop(): Promise<void>;
}

export interface HallOptions {
  city: CityInfo;
  rendererDir?: string;
  live?: LiveRouteOptions;
  hub?: Partial<LiveHubOptions>;
  /** Where operational warnings go (rate-limited); stderr by default. */
  warn?: (line: string) => void;
}

/** How far back a restarted hall looks for patrol positions to show at once. */
const WARM_START_MS = 8 * 3_600_000;

/**
 * Starts the hall server: database, MQTT (embedded or external), ingest, patrol state, live fan-out and
 * HTTP. Everything the demo adds (simulator, demo cameras) runs on top of this.
 */
export async function startHall(config: HallConfig, opts: HallOptions): Promise<Hall> {
  const started = Date.now();
  const instanceId = randomBytes(6).toString('hex');
  const notices: string[] = [];
  const cleanups: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  };
  const write = opts.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  const log = new LogLimiter(write);
  const metrics = createHallMetrics();

  try {
    await mkdir(config.dataDir, { recursive: true });
    const { tokens, file: tokenFile } = await loadOrCreateTokens(config.tokens, config.dataDir);
    if (tokenFile) notices.push(`API tokens (terminal, operator, admin) are in ${tokenFile}`);
    const auth = new TokenRoles(tokens);

    const database = await connectDatabase(config, (l) => log.warn('db', l));
    cleanups.push(() => database.close());
    const tracks = new TrackWriter(() => database.current());
    tracks.start();
    cleanups.push(() => tracks.stop());

    const hub: LiveHub = new LiveHub(
      { patrols: () => state.patrols.list(), cameras: () => state.cameras.list(), reports: () => state.reports() },
      { ...opts.hub, metrics },
    );
    const state: HallState = new HallState(
      opts.city,
      config.silence,
      hub,
      { tracks, trackMinIntervalMs: config.trackMinIntervalMs, saveReport: async (r) => insertReport(await database.ready, r) },
      (l) => log.warn('report', l),
    );
    const ingest = new IngestPipeline({
      prefix: config.topicPrefix,
      policy: { maxFutureMs: 5 * 60_000, maxAgeMs: 24 * 3_600_000, area: serviceArea(opts.city.bounds, config.ingest.serviceAreaMarginKm), defaultCrs: config.ingest.defaultCrs },
      maxPayloadBytes: config.ingest.maxPayloadBytes,
      maxFixesPerMessage: MAX_FIXES_PER_MESSAGE,
      unitLimiter: new RateLimiter(config.ingest.unitRate, config.ingest.unitBurst),
      sink: state,
      metrics,
      log,
      streetAt: (lon, lat) => state.streets.streetAt(lon, lat),
    });

    let bus: ClusterBus | undefined;
    const broker: BrokerLink = await connectBroker(config, {
      instanceId,
      onTerminalMessage: (topic, payload) => ingest.onMqtt(topic, payload),
      onBroadcast: (payload) => bus?.receive(payload),
      onClientLimited: (id) => {
        metrics.ingestRejected.labels('rate-limited', 'mqtt-client').inc();
        log.warn('mqtt-client-limited', `ingest: disconnected MQTT client ${id}, which published faster than MQTT_CLIENT_MAX_RATE`);
      },
      warn: (l) => log.warn('mqtt', l),
    });
    cleanups.push(() => broker.stop());
    notices.push(...broker.notices);
    if (broker.broadcast) {
      const send = broker.broadcast;
      bus = new ClusterBus(instanceId, send, (msg) => state.applyCluster(msg, Date.now()));
      state.broadcast = bus;
    }

    const tick = setInterval(() => {
      bus?.flush();
      hub.flush(Date.now());
    }, config.tickMs);
    let written = 0;
    let dropped = 0;
    const sweep = setInterval(() => {
      state.patrols.sweep(Date.now());
      const counts = state.counts();
      for (const [status, n] of Object.entries(counts)) metrics.patrols.labels(status).set(n);
      metrics.tracksPending.set(tracks.pending);
      metrics.tracksWritten.inc(tracks.written - written);
      metrics.tracksDropped.inc(tracks.dropped - dropped);
      written = tracks.written;
      dropped = tracks.dropped;
    }, 1000);
    const enforceRetention = () => {
      const db = database.current();
      if (db) void deleteFixesBefore(db, Date.now() - config.trackRetentionDays * 86_400_000).catch((e: Error) => log.warn('retention', `retention: ${e.message}`));
    };
    const retention = setInterval(enforceRetention, 3_600_000);
    cleanups.push(() => {
      clearInterval(tick);
      clearInterval(sweep);
      clearInterval(retention);
    });

    // A restarted hall shows where its patrols last were, and its recent reports, as soon as the database is open.
    void database.ready.then(async (db) => {
      const now = Date.now();
      for (const f of await latestFixes(db, now - WARM_START_MS)) {
        const p = { unitId: f.unitId, lon: f.lon, lat: f.lat, ts: f.ts, status: 'online' as const, ...(f.speed !== undefined ? { speed: f.speed } : {}), ...(f.heading !== undefined ? { heading: f.heading } : {}) };
        const street = state.streets.streetAt(f.lon, f.lat);
        state.patrols.applyState(street ? { ...p, street } : p, f.receivedAt, now);
      }
      state.seedReports(await recentReports(db, 50));
      enforceRetention();
    }).catch((e: Error) => log.warn('warm-start', `warm start from the database failed: ${e.message}`));

    const mqttUrl = config.mqttPublicUrl ?? broker.url;
    const health = (): Health => {
      const cams = state.cameras.list();
      const counts = state.counts();
      const dbError = database.error();
      return {
        ok: true,
        version: VERSION,
        mqtt: mqttUrl,
        broker: broker.kind,
        brokerConnected: broker.connected(),
        uptimeS: Math.round((Date.now() - started) / 1000),
        patrols: { total: state.patrols.size, online: counts.online },
        cameras: { total: cams.length, online: cams.filter((c) => c.online).length },
        live: { epoch: hub.epoch, seq: hub.currentSeq, clients: hub.clientCount },
        db: { engine: database.engine, ready: database.current() !== undefined, pendingTracks: tracks.pending, ...(dbError ? { error: dbError } : {}) },
        instance: instanceId,
      };
    };

    const videoRoot = path.join(config.dataDir, 'video');
    await mkdir(videoRoot, { recursive: true });
    const app = await buildHallServer({
      version: VERSION,
      city: opts.city,
      hub,
      health,
      cameras: () => state.cameras.list(),
      reports: () => state.reports(),
      patrolRoutes: { patrols: () => state.patrols.list(), ingest, db: () => database.current(), auth, maxTrackPoints: 100_000 },
      metrics,
      maxBodyBytes: Math.max(config.ingest.maxPayloadBytes, 64 * 1024),
      rendererDir: opts.rendererDir,
      videoRoot,
      live: opts.live,
    });
    cleanups.push(() => app.close());
    await app.ready();
    const bound = await bindPort(config.http, config.movePortsWhenBusy, netListener(app.server, config.host));
    if (bound.movedFrom !== undefined) {
      notices.push(`HTTP port ${bound.movedFrom} is busy; the hall server listens on port ${bound.port} instead. Set PORT to choose.`);
    }
    const address = app.server.address() as AddressInfo;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
      mqttUrl,
      brokerUrl: broker.url,
      broker: broker.kind,
      instanceId,
      notices,
      city: opts.city,
      state,
      hub,
      ingest,
      tracks,
      database,
      metrics,
      auth,
      config,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
