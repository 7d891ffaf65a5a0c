import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { CityInfo } from '../../app/city/city';
import { countByStatus } from '../../app/patrol/patrol';
import type { Health } from '../../app/hall/health';
import type { HallConfig } from '../config/config';
import { buildHallServer } from '../http/hall-server';
import { startEmbeddedBroker, type EmbeddedBroker } from '../ingest/embedded-broker';
import { MqttIngest } from '../ingest/mqtt-ingest';
import { LiveHub } from '../live/live-hub';
import type { LiveRouteOptions } from '../live/live-route';
import { bindPort, netListener } from '../net/bind-port';
import { PatrolRegistry } from '../patrol/patrol-registry';
import { CameraRegistry } from '../video/camera-registry';
import path from 'node:path';

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
  /** Things the operator should know about start-up (a moved port, a missing tool). */
  notices: string[];
  city: CityInfo;
  patrols: PatrolRegistry;
  cameras: CameraRegistry;
  hub: LiveHub;
  ingest: MqttIngest;
  config: HallConfig;
  stop(): Promise<void>;
}

export interface HallOptions {
  city: CityInfo;
  rendererDir?: string;
  live?: LiveRouteOptions;
  /** Replay buffer for resuming surfaces, in deltas (600 = one minute at 100 ms ticks). */
  replayLimit?: number;
}

/**
 * Starts the hall server: MQTT (embedded or external), ingest, patrol state, live fan-out and HTTP.
 * Everything the demo adds (simulator, demo cameras) runs on top of this.
 */
export async function startHall(config: HallConfig, opts: HallOptions): Promise<Hall> {
  const notices: string[] = [];
  const started = Date.now();
  const cleanups: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  };

  try {
    let brokerUrl: string;
    let embedded: EmbeddedBroker | undefined;
    if (config.mqtt.mode === 'embedded') {
      embedded = await startEmbeddedBroker({ host: config.mqtt.host, port: config.mqtt.port, allowMove: config.movePortsWhenBusy });
      cleanups.push(() => embedded?.close());
      brokerUrl = embedded.url;
      if (embedded.bound.movedFrom !== undefined) {
        notices.push(
          `MQTT port ${embedded.bound.movedFrom} is busy (another broker?); the embedded broker listens on port ${embedded.bound.port} instead. Set MQTT_PORT to choose.`,
        );
      }
    } else {
      brokerUrl = config.mqtt.url;
    }

    // Registries report changes to the hub; the hub reads them back for snapshots.
    const patrols = new PatrolRegistry(config.silence, (p) => liveHub.patrolChanged(p));
    const cameras = new CameraRegistry((c) => liveHub.cameraChanged(c));
    const liveHub = new LiveHub({ patrols: () => patrols.list(), cameras: () => cameras.list() }, { replayLimit: opts.replayLimit ?? 600 });
    const tick = setInterval(() => liveHub.flush(Date.now()), config.tickMs);
    const sweep = setInterval(() => patrols.sweep(Date.now()), 1000);
    cleanups.push(() => {
      clearInterval(tick);
      clearInterval(sweep);
    });

    const ingest = new MqttIngest({ url: brokerUrl, prefix: config.topicPrefix, registry: patrols });
    await ingest.start();
    cleanups.push(() => ingest.stop());

    const mqttUrl = config.mqttPublicUrl ?? brokerUrl;
    const health = (): Health => {
      const list = patrols.list();
      const cams = cameras.list();
      return {
        ok: true,
        version: VERSION,
        mqtt: mqttUrl,
        broker: embedded ? 'embedded' : 'external',
        brokerConnected: ingest.connected,
        uptimeS: Math.round((Date.now() - started) / 1000),
        patrols: { total: list.length, online: countByStatus(list).online },
        cameras: { total: cams.length, online: cams.filter((c) => c.online).length },
        live: { epoch: liveHub.epoch, seq: liveHub.currentSeq, clients: liveHub.clientCount },
      };
    };

    const videoRoot = path.join(config.dataDir, 'video');
    await mkdir(videoRoot, { recursive: true });
    const app = await buildHallServer({
      version: VERSION,
      city: opts.city,
      hub: liveHub,
      health,
      patrols: () => patrols.list(),
      cameras: () => cameras.list(),
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
      brokerUrl,
      broker: embedded ? 'embedded' : 'external',
      notices,
      city: opts.city,
      patrols,
      cameras,
      hub: liveHub,
      ingest,
      config,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
