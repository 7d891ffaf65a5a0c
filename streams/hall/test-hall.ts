// Helpers for integration tests: a real hall on free ports with its own data dir, /live clients, terminals.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { Compile } from 'typebox/compile';
import WebSocket from 'ws';
import type { Role } from '../../app/auth/roles';
import { cameraChannel } from '../../app/camera/camera-channel';
import { ChannelRegistry, type ChannelSpec } from '../../app/live/channel';
import { applyDelta, applyPingSeq, EMPTY_VIEW, viewFromSnapshot, type ApplyContext, type LiveView } from '../../app/live/live-view';
import { LIVE_PROTOCOL_VERSION, type ClientHello, type ServerMessage } from '../../app/live/protocol';
import { patrolChannel } from '../../app/patrol/patrol-channel';
import { reportChannel } from '../../app/report/report-channel';
import { loadHallCity } from '../city/hall-city';
import { loadConfig } from '../config/config';
import { startHall, type Hall, type HallOptions } from './start-hall';

export interface TestHall {
  hall: Hall;
  dataDir: string;
  /** A token of each generated role (from the data dir's tokens.json, or GRIDWALL_TOKENS). */
  tokens: Partial<Record<Role, string>>;
  terminalToken: string;
  /** An MQTT terminal: user name = unit id, password = the terminal token. */
  terminal(unitId: string, opts?: mqtt.IClientOptions): Promise<MqttClient>;
  /** `fetch` against the hall, with a token of `role` (or none). */
  api(pathname: string, init?: RequestInit & { role?: Role | 'none' }): Promise<Response>;
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

async function readTokens(dir: string): Promise<Partial<Record<Role, string>>> {
  const list = JSON.parse(await readFile(path.join(dir, 'tokens.json'), 'utf8')) as Array<{ role: Role; token: string; scope?: unknown }>;
  const out: Partial<Record<Role, string>> = {};
  for (const t of list) if (!t.scope) out[t.role] ??= t.token;
  return out;
}

/** A hall on free ports. External engines only when the test passes MQTT_URL / DATABASE_URL itself. */
export async function startTestHall(env: Record<string, string> = {}, opts: Partial<HallOptions> = {}, dataDir?: string): Promise<TestHall> {
  const dir = dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'gridwall-hall-')));
  const config = loadConfig({ PORT: '0', MQTT_PORT: '0', GRIDWALL_DATA: dir, LIVE_TICK_MS: '50', ...env });
  const city = await loadHallCity(config);
  const hall = await startHall(config, { city: city.info, ...(city.grids ? { grids: city.grids } : {}), responsibility: city.responsibility, warn: () => {}, ...opts });
  const tokens: Partial<Record<Role, string>> = config.tokens.length ? Object.fromEntries(config.tokens.filter((t) => !t.scope && !t.units).map((t) => [t.role, t.token])) : await readTokens(dir);
  const terminalToken = tokens.terminal ?? '';
  return {
    hall,
    dataDir: dir,
    tokens,
    terminalToken,
    terminal: (unitId, o = {}) => mqtt.connectAsync(hall.brokerUrl, { username: unitId, password: terminalToken, reconnectPeriod: 0, ...o }),
    api: (pathname, init = {}) => {
      const { role = 'admin', ...rest } = init;
      const headers = new Headers(rest.headers);
      const token = role === 'none' ? undefined : tokens[role];
      if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
      return fetch(`${hall.url}${pathname}`, { ...rest, headers });
    },
    stop: async ({ keepData } = {}) => {
      await hall.stop();
      if (!keepData) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The channels a test surface understands: the standard ones, plus any a test brings. */
export function testRegistry(extra: ChannelSpec[] = []): ChannelRegistry {
  const r = new ChannelRegistry((schema) => {
    const c = Compile(schema);
    return (v) => c.Check(v);
  });
  for (const spec of [patrolChannel, reportChannel, cameraChannel, ...extra]) r.register(spec);
  return r;
}

/** A /live client that keeps a LiveView exactly as the wall does and fails loudly on a sequence gap. */
export class TestSurface {
  readonly messages: ServerMessage[] = [];
  view: LiveView = EMPTY_VIEW;
  gaps = 0;
  dropped = 0;
  closeCode: number | undefined;
  ws: WebSocket;
  private readonly ctx: ApplyContext;

  constructor(hallUrl: string, hello: Partial<ClientHello> & { token: string }, opts: { extra?: ChannelSpec[]; headers?: Record<string, string> } = {}) {
    this.ctx = { registry: testRegistry(opts.extra), onInvalid: (_c, n) => (this.dropped += n) };
    this.ws = new WebSocket(`${hallUrl.replace('http', 'ws')}/live`, { headers: opts.headers ?? {} });
    this.ws.on('open', () => this.ws.send(JSON.stringify({ type: 'hello', protocol: LIVE_PROTOCOL_VERSION, surface: 'test', ...hello })));
    this.ws.on('message', (d) => this.receive(JSON.parse(d.toString()) as ServerMessage));
    this.ws.on('close', (code) => (this.closeCode = code));
    this.ws.on('error', () => {});
  }

  private receive(m: ServerMessage): void {
    this.messages.push(m);
    if (m.type === 'snapshot') this.view = viewFromSnapshot(m, this.ctx);
    else if (m.type === 'delta') {
      const r = applyDelta(this.view, m, this.ctx);
      if (r.ok) this.view = r.view;
      else this.gaps++;
    } else if (m.type === 'ping') {
      this.view = applyPingSeq(this.view, m.seq);
      this.ws.send(JSON.stringify({ type: 'pong', t: m.t }));
    }
  }

  async waitFor(pred: (s: TestSurface) => boolean, ms = 5000): Promise<void> {
    const until = Date.now() + ms;
    while (!pred(this)) {
      if (Date.now() > until) throw new Error(`timed out; view seq ${this.view.seq}, ${this.messages.length} messages, last ${JSON.stringify(this.messages.at(-1))?.slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.ws.close();
  }
}

export async function waitUntil(pred: () => boolean | Promise<boolean>, ms: number, what = 'condition'): Promise<void> {
  const until = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
