// The embedded MQTT broker's own thread: aedes parses and routes every terminal's packets here, so a burst
// of publishes (or a flooding client) never stalls the thread that serves the walls. Messages under the
// ingest prefix are handed to the main thread in packed batches, one transfer per event-loop turn.
import net from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { Aedes } from 'aedes';
import { bindPort, netListener } from '../net/bind-port';
import type { PortSetting } from '../config/config';
import { RateLimiter } from './rate-limiter';

export interface BrokerWorkerData {
  host: string;
  port: PortSetting;
  allowMove: boolean;
  clientRate: number;
  /** Topic filter forwarded to the main thread (e.g. `gridwall/v1/#`); none for a broker-only process. */
  forward?: string;
}

export type BrokerWorkerMessage =
  | { type: 'listening'; port: number; movedFrom?: number }
  | { type: 'failed'; message: string; setting?: string }
  | { type: 'batch'; topics: string[]; ends: Uint32Array; data: ArrayBuffer }
  | { type: 'limited'; clientId: string }
  | { type: 'clients'; count: number }
  | { type: 'closed' };

const port = parentPort;
if (!port) throw new Error('broker-worker must run in a worker thread');
const o = workerData as BrokerWorkerData;

const broker = await Aedes.createBroker({ drainTimeout: 10_000, heartbeatInterval: 60_000, concurrency: 1000 });
const limiter = new RateLimiter(o.clientRate, o.clientRate * 4);
broker.authorizePublish = (client, packet, callback) => {
  if (packet.topic.startsWith('$SYS/')) return callback(new Error('$SYS/ topics are reserved'));
  if (client && !limiter.take(client.id, Date.now())) {
    port.postMessage({ type: 'limited', clientId: client.id } satisfies BrokerWorkerMessage);
    return callback(new Error('publishing too fast')); // aedes closes the connection
  }
  callback(null);
};

let topics: string[] = [];
let payloads: Buffer[] = [];
let bytes = 0;
let scheduled = false;

function flush(): void {
  scheduled = false;
  if (!topics.length) return;
  const data = Buffer.allocUnsafeSlow(bytes); // its own ArrayBuffer, so it can be transferred
  const ends = new Uint32Array(payloads.length);
  let at = 0;
  payloads.forEach((p, i) => {
    p.copy(data, at);
    at += p.length;
    ends[i] = at;
  });
  const ab = data.buffer as ArrayBuffer;
  port?.postMessage({ type: 'batch', topics, ends, data: ab } satisfies BrokerWorkerMessage, [ab, ends.buffer as ArrayBuffer]);
  topics = [];
  payloads = [];
  bytes = 0;
}

if (o.forward) {
  broker.subscribe(
    o.forward,
    (packet, cb) => {
      const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
      topics.push(packet.topic);
      payloads.push(payload);
      bytes += payload.length;
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
      cb();
    },
    () => {},
  );
}

const server = net.createServer(broker.handle);
try {
  const bound = await bindPort(o.port, o.allowMove, netListener(server, o.host));
  port.postMessage({ type: 'listening', port: bound.port, ...(bound.movedFrom !== undefined ? { movedFrom: bound.movedFrom } : {}) } satisfies BrokerWorkerMessage);
} catch (err) {
  const e = err as Error & { setting?: string };
  port.postMessage({ type: 'failed', message: e.message, ...(e.setting ? { setting: e.setting } : {}) } satisfies BrokerWorkerMessage);
}

const stats = setInterval(() => port.postMessage({ type: 'clients', count: broker.connectedClients } satisfies BrokerWorkerMessage), 2000);
const sweep = setInterval(() => limiter.evictIdle(Date.now()), 60_000);

port.on('message', (m: { type: 'close' }) => {
  if (m.type !== 'close') return;
  clearInterval(stats);
  clearInterval(sweep);
  broker.close(() => server.close(() => port.postMessage({ type: 'closed' } satisfies BrokerWorkerMessage)));
});
