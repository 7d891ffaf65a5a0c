// Helpers for integration tests: a real hall on free ports with its own data dir, and /live clients.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { applyDelta, applyPingSeq, EMPTY_VIEW, viewFromSnapshot, type LiveView } from '../../app/live/live-view';
import type { ClientHello, ServerMessage } from '../../app/live/protocol';
import { loadDemoCity } from '../city/demo-city';
import { loadConfig } from '../config/config';
import { startHall, type Hall, type HallOptions } from './start-hall';

export interface TestHall {
  hall: Hall;
  dataDir: string;
  terminalToken: string;
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

/** A hall on free ports. External engines only when the test passes MQTT_URL / DATABASE_URL itself. */
export async function startTestHall(env: Record<string, string> = {}, opts: Partial<HallOptions> = {}, dataDir?: string): Promise<TestHall> {
  const dir = dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'gridwall-hall-')));
  const config = loadConfig({ PORT: '0', MQTT_PORT: '0', GRIDWALL_DATA: dir, LIVE_TICK_MS: '50', ...env });
  const hall = await startHall(config, { city: await loadDemoCity(), warn: () => {}, ...opts });
  const terminalToken = config.tokens.find((t) => t.role === 'terminal')?.token ?? (await readTerminalToken(dir));
  return {
    hall,
    dataDir: dir,
    terminalToken,
    stop: async ({ keepData } = {}) => {
      await hall.stop();
      if (!keepData) await rm(dir, { recursive: true, force: true });
    },
  };
}

async function readTerminalToken(dir: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const tokens = JSON.parse(await readFile(path.join(dir, 'tokens.json'), 'utf8')) as Array<{ role: string; token: string }>;
  return tokens.find((t) => t.role === 'terminal')?.token ?? '';
}

/** A /live client that keeps a LiveView exactly as the wall does and fails loudly on a sequence gap. */
export class TestSurface {
  readonly messages: ServerMessage[] = [];
  view: LiveView = EMPTY_VIEW;
  gaps = 0;
  closeCode: number | undefined;
  ws: WebSocket;

  constructor(hallUrl: string, hello: Partial<ClientHello> = {}) {
    this.ws = new WebSocket(`${hallUrl.replace('http', 'ws')}/live`);
    this.ws.on('open', () => this.ws.send(JSON.stringify({ type: 'hello', protocol: 1, surface: 'test', ...hello })));
    this.ws.on('message', (d) => this.receive(JSON.parse(d.toString()) as ServerMessage));
    this.ws.on('close', (code) => (this.closeCode = code));
  }

  private receive(m: ServerMessage): void {
    this.messages.push(m);
    if (m.type === 'snapshot') this.view = viewFromSnapshot(m);
    else if (m.type === 'delta') {
      const r = applyDelta(this.view, m);
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
