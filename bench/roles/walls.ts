// The receiving side: W wall surfaces on /live (or, for the baseline, W plain MQTT subscribers). Each
// records the latency of every fix from its terminal timestamp and counts the fixes it saw.
import mqtt, { type MqttClient } from 'mqtt';
import WebSocket from 'ws';
import { serve } from '../child';
import { LatencyHistogram } from '../stats';

export type WallsReq = { type: 'live'; url: string; walls: number; token: string } | { type: 'mqtt'; url: string; prefix: string; walls: number } | { type: 'report' };

export interface WallsResult {
  /** Fixes each wall saw. */
  seen: number[];
  /** Deltas that did not continue the sequence (should be 0). */
  gaps: number;
  p50: number;
  p99: number;
  samples: number;
  cpuS: number;
  toTickP50: number;
  toTickP99: number;
  toWallP50: number;
  toWallP99: number;
}

const hist = new LatencyHistogram();
/** Split of the live path's latency: terminal → server tick, and server tick → wall. */
const toTick = new LatencyHistogram();
const toWall = new LatencyHistogram();
let seen: number[] = [];
let gaps = 0;
let sockets: WebSocket[] = [];
let subscribers: MqttClient[] = [];
let cpu0 = process.cpuUsage();

function connectWall(url: string, token: string, i: number): Promise<WebSocket> {
  return new Promise<WebSocket>((resolve) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/live`);
    let seq = -1;
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', protocol: 2, surface: `bench-${i}`, token })));
    ws.on('message', (d) => {
      const now = Date.now();
      const m = JSON.parse(d.toString()) as { type: string; seq?: number; from?: number; t?: number; serverTime?: number; channels?: { patrols?: { upsert?: Array<{ ts: number }> } } };
      if (m.type === 'snapshot') {
        seq = m.seq ?? 0;
        resolve(ws);
      } else if (m.type === 'delta') {
        if ((m.from ?? m.seq) !== seq + 1) gaps++;
        seq = m.seq ?? seq;
        if (m.serverTime) toWall.add(now - m.serverTime);
        for (const p of m.channels?.patrols?.upsert ?? []) {
          hist.add(now - p.ts);
          if (m.serverTime) toTick.add(m.serverTime - p.ts);
          seen[i] = (seen[i] ?? 0) + 1;
        }
      } else if (m.type === 'ping') ws.send(JSON.stringify({ type: 'pong', t: m.t }));
    });
  });
}

serve<WallsReq>(async (req) => {
  if (req.type === 'live') {
    cpu0 = process.cpuUsage();
    seen = new Array(req.walls).fill(0);
    sockets = await Promise.all(Array.from({ length: req.walls }, (_, i) => connectWall(req.url, req.token, i)));
    return { ok: true };
  }
  if (req.type === 'mqtt') {
    cpu0 = process.cpuUsage();
    seen = new Array(req.walls).fill(0);
    subscribers = await Promise.all(Array.from({ length: req.walls }, (_, i) => mqtt.connectAsync(req.url, { clientId: `bench-sub-${process.pid}-${i}` })));
    await Promise.all(
      subscribers.map((s, i) => {
        s.on('message', (_topic, payload) => {
          hist.add(Date.now() - (JSON.parse(payload.toString()) as { ts: number }).ts);
          seen[i] = (seen[i] ?? 0) + 1;
        });
        return s.subscribeAsync(`${req.prefix}patrol/+/position`, { qos: 0 });
      }),
    );
    return { ok: true };
  }
  const cpu = process.cpuUsage(cpu0);
  const result: WallsResult = { seen, gaps, p50: hist.quantile(50), p99: hist.quantile(99), samples: hist.count, cpuS: (cpu.user + cpu.system) / 1e6, toTickP50: toTick.quantile(50), toTickP99: toTick.quantile(99), toWallP50: toWall.quantile(50), toWallP99: toWall.quantile(99) };
  for (const ws of sockets) ws.terminate();
  await Promise.all(subscribers.map((s) => s.endAsync(true)));
  return result;
});
