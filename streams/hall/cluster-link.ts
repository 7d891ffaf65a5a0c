import type { ChannelRegistry } from '../../app/live/channel';
import type { Auth } from '../auth/auth';
import { ClusterBus } from '../cluster/cluster-bus';
import { secretFromDatabase, secretFromFile } from '../cluster/hall-secret';
import type { HallConfig } from '../config/config';
import type { TopicRouter } from '../ingest/topic-router';
import type { LogLimiter } from '../log/log-limiter';
import type { HallMetrics } from '../metrics/hall-metrics';
import { connectBroker } from './connect-broker';
import type { Clock, HallDb } from './hall-module';
import type { ModuleHost } from './module-host';

export interface ClusterLink {
  kind: 'embedded' | 'external';
  /** The broker URL this process (and the simulator) connects with. */
  url: string;
  connected(): boolean;
  /** Sends this tick's accepted changes to the other hall servers (external broker only). */
  flush(): void;
  notices: string[];
  stop(): Promise<void>;
}

export interface ClusterDeps {
  config: HallConfig;
  instanceId: string;
  auth: Auth;
  router: TopicRouter;
  host: ModuleHost;
  registry: ChannelRegistry;
  metrics: HallMetrics;
  clock: Clock;
  db: HallDb;
  log: LogLimiter;
}

function withinSeconds<T>(p: Promise<T>, s: number): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`the database was not ready within ${s} s (see the database errors above)`)), s * 1000).unref()),
  ]);
}

/**
 * The hall's MQTT side: terminals' messages (with who sent them, on the embedded broker) into the topic
 * router, and, on an external broker, the signed cluster bus between hall servers.
 */
export async function startCluster(d: ClusterDeps): Promise<ClusterLink> {
  let bus: ClusterBus | undefined;
  const broker = await connectBroker(d.config, {
    instanceId: d.instanceId,
    credentials: d.auth.mqttCredentials(),
    onTerminalMessage: (topic, payload, sender) => {
      const slash = sender ? sender.indexOf('/') : -1;
      const principal = sender && slash > 0 ? d.auth.byCredential(sender.slice(0, slash)) : undefined;
      d.router.onMessage(topic, payload, d.clock.now(), principal, principal && sender ? sender.slice(slash + 1) : undefined);
    },
    onBroadcast: (payload) => bus?.receive(payload),
    onClientLimited: (id) => {
      d.metrics.ingestRejected.labels('rate-limited', 'mqtt-client').inc();
      d.log.warn('mqtt-client-limited', `ingest: disconnected MQTT client ${id}, which published faster than MQTT_CLIENT_MAX_RATE`);
    },
    onRefused: (reason, detail) => {
      d.metrics.brokerRefused.labels(reason).inc();
      d.log.warn(`mqtt-refused:${reason}`, `mqtt: refused ${detail} (${reason})`);
    },
    warn: (l) => d.log.warn('mqtt', l),
  });
  if (broker.broadcast) {
    const send = broker.broadcast;
    const secret = d.config.clusterSecret ?? (d.config.databaseUrl ? await secretFromDatabase(await withinSeconds(d.db.ready, 60)) : await secretFromFile(d.config.dataDir));
    const b = new ClusterBus({
      instanceId: d.instanceId,
      secret,
      registry: d.registry,
      publish: send,
      onRemote: (ch, change) => d.host.applyRemote(ch, change),
      onDrop: (why, n = 1) => {
        d.metrics.clusterDropped.labels(why).inc(n);
        d.log.warn(`cluster:${why}`, `cluster: dropped a message from the broker (${why}); is another hall server using a different GRIDWALL_CLUSTER_SECRET?`);
      },
      now: () => d.clock.now(),
    });
    bus = b;
    d.host.relay = b;
  }
  return {
    kind: broker.kind,
    url: broker.url,
    connected: broker.connected,
    flush: () => bus?.flush(),
    notices: broker.notices,
    stop: () => broker.stop(),
  };
}
