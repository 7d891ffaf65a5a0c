import net from 'node:net';
import { Aedes } from 'aedes';
import type { PortSetting } from '../config/config';
import { bindPort, netListener, type BoundPort } from '../net/bind-port';

export interface EmbeddedBroker {
  /** URL the hall server's own client connects with. */
  url: string;
  bound: BoundPort;
  close(): Promise<void>;
}

/**
 * The MQTT broker that runs inside the hall server when no MQTT_URL is given (aedes over TCP),
 * so `npm start` needs nothing installed. Production halls point MQTT_URL at Mosquitto or EMQX.
 */
export async function startEmbeddedBroker(opts: { host: string; port: PortSetting; allowMove: boolean }): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker({ drainTimeout: 10_000, heartbeatInterval: 60_000 });
  const server = net.createServer(broker.handle);
  let bound: BoundPort;
  try {
    bound = await bindPort(opts.port, opts.allowMove, netListener(server, opts.host));
  } catch (err) {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    throw err;
  }
  const urlHost = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
  return {
    url: `mqtt://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${bound.port}`,
    bound,
    close: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      // aedes.close() ends every client connection, so the listener can close now.
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
