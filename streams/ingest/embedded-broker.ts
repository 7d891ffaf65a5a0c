import { Worker } from 'node:worker_threads';
import type { MqttCredential } from '../auth/auth';
import { ConfigError, type PortSetting } from '../config/config';
import type { BoundPort } from '../net/bind-port';
import type { BrokerWorkerData, BrokerWorkerMessage } from './broker-worker';

export interface EmbeddedBroker {
  /** URL other processes (the simulator, terminals) connect with. */
  url: string;
  bound: BoundPort;
  readonly connectedClients: number;
  close(): Promise<void>;
}

export interface EmbeddedBrokerOptions {
  host: string;
  /** The setting that named the host (HOST or MQTT_HOST). */
  hostSetting?: string;
  port: PortSetting;
  allowMove: boolean;
  /** Publishes per second one connection may make; a flooding connection is cut off. */
  clientRate: number;
  /** Who may connect (terminal, gateway and admin credentials). Absent: a bare broker for benchmarks. */
  credentials?: MqttCredential[];
  /** Messages under `prefix` are handed to `onMessage` (the hall's ingest) with who sent them: `<credential>/<username>`. */
  forward?: { prefix: string; onMessage: (topic: string, payload: Buffer, sender: string) => void };
  onClientLimited?: (clientId: string) => void;
  onRefused?: (reason: string, detail: string) => void;
}

/**
 * The MQTT broker that runs inside the hall server when no MQTT_URL is given (aedes over TCP, in its own
 * thread), so `npm start` needs nothing installed. It requires credentials: user name = unit id, password
 * = a terminal (or gateway) token. Production halls point MQTT_URL at Mosquitto or EMQX.
 */
export async function startEmbeddedBroker(opts: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const data: BrokerWorkerData = { host: opts.host, hostSetting: opts.hostSetting ?? 'HOST', port: opts.port, allowMove: opts.allowMove, clientRate: opts.clientRate };
  if (opts.forward) data.prefix = opts.forward.prefix;
  if (opts.credentials) data.credentials = opts.credentials;
  const worker = new Worker(new URL('./broker-worker-entry.mjs', import.meta.url), { workerData: data });
  let clients = 0;
  let onClosed = () => {};
  const bound = await new Promise<BoundPort>((resolve, reject) => {
    worker.on('message', (m: BrokerWorkerMessage) => {
      switch (m.type) {
        case 'listening':
          return resolve(m.movedFrom !== undefined ? { port: m.port, movedFrom: m.movedFrom } : { port: m.port });
        case 'failed':
          void worker.terminate();
          return reject(m.setting ? new ConfigError(m.setting, m.message) : new Error(m.message));
        case 'batch': {
          const buf = Buffer.from(m.data);
          let start = 0;
          for (let i = 0; i < m.topics.length; i++) {
            const end = m.ends[i] as number;
            opts.forward?.onMessage(m.topics[i] as string, buf.subarray(start, end), m.senders[i] as string);
            start = end;
          }
          return;
        }
        case 'limited':
          return opts.onClientLimited?.(m.clientId);
        case 'refused':
          return opts.onRefused?.(m.reason, m.detail);
        case 'clients':
          clients = m.count;
          return;
        case 'closed':
          return onClosed();
      }
    });
    worker.once('error', reject);
  });
  const urlHost = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
  return {
    url: `mqtt://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${bound.port}`,
    bound,
    get connectedClients() {
      return clients;
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => (onClosed = resolve));
      worker.postMessage({ type: 'close' });
      await Promise.race([closed, new Promise((r) => setTimeout(r, 5000))]);
      await worker.terminate();
    },
  };
}
