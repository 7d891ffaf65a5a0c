// The embedded MQTT broker's own thread: aedes authenticates and authorises every terminal here and parses
// and routes their packets, so a burst of publishes (or a flooding client) never stalls the thread that
// serves the walls. Messages under the ingest prefix are handed to the main thread in packed batches,
// with the credential that published each, one transfer per event-loop turn.
import { createHash } from 'node:crypto';
import net from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { Aedes, type Client } from 'aedes';
import { bindPort, netListener } from '../net/bind-port';
import type { PortSetting } from '../config/config';
import type { MqttCredential } from '../auth/auth';
import { RateLimiter } from './rate-limiter';
import { mayPublish, maySubscribe, type Sender } from './broker-acl';

export interface BrokerWorkerData {
  host: string;
  /** The setting that named the host, for a clear error when it is not one of this machine's addresses. */
  hostSetting: string;
  port: PortSetting;
  allowMove: boolean;
  clientRate: number;
  /** The topic prefix; publishes under it are forwarded to the hall. Absent: a bare broker (benchmarks). */
  prefix?: string;
  /** Who may connect; absent only for a bare broker (benchmarks), which lets anyone in. */
  credentials?: MqttCredential[];
}

export type BrokerWorkerMessage =
  | { type: 'listening'; port: number; movedFrom?: number }
  | { type: 'failed'; message: string; setting?: string }
  | { type: 'batch'; topics: string[]; senders: string[]; ends: Uint32Array; data: ArrayBuffer }
  | { type: 'limited'; clientId: string }
  | { type: 'refused'; reason: string; detail: string }
  | { type: 'clients'; count: number }
  | { type: 'closed' };

const port = parentPort;
if (!port) throw new Error('broker-worker must run in a worker thread');
const o = workerData as BrokerWorkerData;
const post = (m: BrokerWorkerMessage, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer ?? []);

const byHash = new Map((o.credentials ?? []).map((c) => [c.hash, c]));
const sessions = new WeakMap<Client, Sender>();
const UNIT = /^[A-Za-z0-9_.-]{1,64}$/;

const refuse = (reason: string, detail: string) => post({ type: 'refused', reason, detail });
const authError = (message: string, returnCode: number) => Object.assign(new Error(message), { returnCode });

const broker = await Aedes.createBroker({ drainTimeout: 10_000, heartbeatInterval: 60_000, concurrency: 1000 });
const limiter = new RateLimiter(o.clientRate, o.clientRate * 4);
/** Connected clients by id (a reconnect replaces the entry; the old one's disconnect must not remove it). */
const connected = new Map<string, Client>();
broker.on('client', (c) => void connected.set(c.id, c));
broker.on('clientDisconnect', (c) => {
  if (connected.get(c.id) === c) connected.delete(c.id);
});

broker.authenticate = (client, username, password, callback) => {
  if (!o.credentials) return callback(null, true);
  const cred = password ? byHash.get(createHash('sha256').update(password).digest('hex')) : undefined;
  if (!cred) {
    refuse('bad-credentials', `client ${client.id}`);
    return callback(authError('bad user name or password', 4), false);
  }
  if (!username || !UNIT.test(username)) {
    refuse('bad-username', `client ${client.id}`);
    return callback(authError('the user name must be the unit id (letters, digits, _ . -)', 4), false);
  }
  if (cred.role === 'terminal' && cred.units && !cred.units.includes(username)) {
    refuse('not-bound', `unit ${username}`);
    return callback(authError('this terminal token is bound to other units', 5), false);
  }
  // A client id in use by another unit or credential cannot be taken over (MQTT would kick the first off).
  const holder = connected.get(client.id);
  const held = holder ? sessions.get(holder) : undefined;
  if (held && (held.username !== username || held.credential !== cred.credential)) {
    refuse('client-id-taken', `client ${client.id}`);
    return callback(authError('this client id is in use by another terminal', 2), false);
  }
  sessions.set(client, { role: cred.role, credential: cred.credential, username });
  callback(null, true);
};

let topics: string[] = [];
let senders: string[] = [];
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
  post({ type: 'batch', topics, senders, ends, data: ab }, [ab, ends.buffer as ArrayBuffer]);
  topics = [];
  senders = [];
  payloads = [];
  bytes = 0;
}

function forward(topic: string, payload: Buffer, sender: string): void {
  topics.push(topic);
  senders.push(sender);
  payloads.push(payload);
  bytes += payload.length;
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
}

broker.authorizePublish = (client, packet, callback) => {
  if (packet.topic.startsWith('$SYS/')) return callback(new Error('$SYS/ topics are reserved'));
  if (!client) return callback(null);
  if (!limiter.take(client.id, Date.now())) {
    post({ type: 'limited', clientId: client.id });
    return callback(new Error('publishing too fast')); // aedes closes the connection
  }
  if (o.credentials) {
    const sender = sessions.get(client);
    if (packet.retain) {
      refuse('retained', `client ${client.id}`);
      return callback(new Error('retained messages are not accepted'));
    }
    const verdict = sender ? mayPublish(sender, o.prefix ?? '', packet.topic) : 'not-authenticated';
    if (verdict !== 'ok') {
      refuse(verdict, `client ${client.id}`);
      return callback(new Error(`not allowed to publish here (${verdict})`));
    }
    if (o.prefix && packet.topic.startsWith(o.prefix) && sender) {
      const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
      forward(packet.topic, payload, `${sender.credential}/${sender.username}`);
    }
  } else if (o.prefix && packet.topic.startsWith(o.prefix)) {
    forward(packet.topic, typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload, '');
  }
  callback(null);
};

broker.authorizeSubscribe = (client, sub, callback) => {
  if (!o.credentials) return callback(null, sub);
  const sender = client ? sessions.get(client) : undefined;
  const ok = sender !== undefined && maySubscribe(sender, o.prefix ?? '', sub.topic);
  if (!ok) refuse('subscribe-denied', `client ${client?.id ?? '?'} to ${sub.topic.slice(0, 80)}`);
  callback(null, ok ? sub : null);
};

const server = net.createServer(broker.handle);
try {
  const bound = await bindPort(o.port, o.allowMove, netListener(server, o.host), { setting: o.hostSetting, value: o.host });
  post({ type: 'listening', port: bound.port, ...(bound.movedFrom !== undefined ? { movedFrom: bound.movedFrom } : {}) });
} catch (err) {
  const e = err as Error & { setting?: string };
  post({ type: 'failed', message: e.message, ...(e.setting ? { setting: e.setting } : {}) });
}

const stats = setInterval(() => post({ type: 'clients', count: broker.connectedClients }), 2000);
const sweep = setInterval(() => limiter.evictIdle(Date.now()), 60_000);

port.on('message', (m: { type: 'close' }) => {
  if (m.type !== 'close') return;
  clearInterval(stats);
  clearInterval(sweep);
  broker.close(() => server.close(() => post({ type: 'closed' })));
});
