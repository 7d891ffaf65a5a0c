import net from 'node:net';
import { Aedes } from 'aedes';
import type { PortSetting } from '../config/config';
import { bindPort, netListener, type BoundPort } from '../net/bind-port';
import { RateLimiter } from './rate-limiter';

export interface EmbeddedBroker {
  /** URL other processes (the simulator, terminals) connect with. */
  url: string;
  bound: BoundPort;
  /** Receives messages in-process: no TCP hop and no second parse for the hall's own ingest. */
  subscribe(filter: string, handler: (topic: string, payload: Buffer) => void): void;
  readonly connectedClients: number;
  close(): Promise<void>;
}

export interface EmbeddedBrokerOptions {
  host: string;
  port: PortSetting;
  allowMove: boolean;
  /** Publishes per second one connection may make; a flooding connection is cut off. */
  clientRate: number;
  onClientLimited?: (clientId: string) => void;
}

/**
 * The MQTT broker that runs inside the hall server when no MQTT_URL is given (aedes over TCP), so
 * `npm start` needs nothing installed. Production halls point MQTT_URL at Mosquitto or EMQX.
 */
export async function startEmbeddedBroker(opts: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker({ drainTimeout: 10_000, heartbeatInterval: 60_000, concurrency: 1000 });
  const limiter = new RateLimiter(opts.clientRate, opts.clientRate * 4);
  broker.authorizePublish = (client, packet, callback) => {
    if (packet.topic.startsWith('$SYS/')) return callback(new Error('$SYS/ topics are reserved'));
    if (client && !limiter.take(client.id, Date.now())) {
      opts.onClientLimited?.(client.id);
      return callback(new Error('publishing too fast')); // aedes closes the connection
    }
    callback(null);
  };
  const server = net.createServer(broker.handle);
  let bound: BoundPort;
  try {
    bound = await bindPort(opts.port, opts.allowMove, netListener(server, opts.host));
  } catch (err) {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    throw err;
  }
  const sweep = setInterval(() => limiter.evictIdle(Date.now()), 60_000);
  const urlHost = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
  return {
    url: `mqtt://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${bound.port}`,
    bound,
    subscribe: (filter, handler) => {
      broker.subscribe(
        filter,
        (packet, cb) => {
          const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
          handler(packet.topic, payload);
          cb();
        },
        () => {},
      );
    },
    get connectedClients() {
      return broker.connectedClients;
    },
    close: async () => {
      clearInterval(sweep);
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      // aedes.close() ends every client connection, so the listener can close now.
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
