// Many /live surfaces at once. Normal ones read everything and record each delta's delay from the server's
// send time, per time window; slow ones stop reading their socket after the snapshot (a frozen wall PC).
import WebSocket from 'ws';
import { serve } from '../child';
import { LatencyHistogram } from '../stats';

export type FanoutReq = { type: 'connect'; url: string; token: string; clients: number; slow: number; windowMs: number } | { type: 'report' };
export interface FanoutResult {
  p50: number;
  p99: number;
  /** p99 per time window, to see whether it stays flat. */
  windowP99: number[];
  gaps: number;
  deltas: number;
  slowClosed: number;
  normalClosed: number;
}

const TIME = /"serverTime":(\d+)/;
const SEQ = /"seq":(\d+)/;
const FROM = /"from":(\d+)/;
const all = new LatencyHistogram();
let windows: LatencyHistogram[] = [];
let started = 0;
let windowMs = 5000;
let gaps = 0;
let deltas = 0;
let slowClosed = 0;
let normalClosed = 0;
const sockets: WebSocket[] = [];

function connect(url: string, token: string, i: number, slow: boolean): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/live`);
    sockets.push(ws);
    let seq = -1;
    ws.on('upgrade', (res) => {
      if (slow) ws.once('message', () => res.socket.pause()); // read the snapshot, then never again
    });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', protocol: 2, surface: `fan-${i}`, token })));
    ws.on('close', () => (slow ? slowClosed++ : normalClosed++));
    ws.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith('{"type":"snapshot"')) {
        seq = Number(SEQ.exec(text)?.[1] ?? 0);
        return resolve();
      }
      if (text.startsWith('{"type":"ping"')) return ws.send(`{"type":"pong","t":${Date.now()}}`);
      if (!text.startsWith('{"type":"delta"')) return;
      const now = Date.now();
      const s = Number(SEQ.exec(text)?.[1]);
      const from = Number(FROM.exec(text)?.[1] ?? s);
      if (from !== seq + 1) gaps++;
      seq = s;
      const delay = now - Number(TIME.exec(text)?.[1]);
      all.add(delay);
      const w = Math.floor((now - started) / windowMs);
      (windows[w] ??= new LatencyHistogram()).add(delay);
      deltas++;
    });
  });
}

serve<FanoutReq>(async (req) => {
  if (req.type === 'connect') {
    windowMs = req.windowMs;
    await Promise.all(Array.from({ length: req.clients }, (_, i) => connect(req.url, req.token, i, i < req.slow)));
    started = Date.now();
    windows = [];
    return { ok: true };
  }
  const result: FanoutResult = {
    p50: all.quantile(50),
    p99: all.quantile(99),
    windowP99: windows.map((w) => w.quantile(99)),
    gaps,
    deltas,
    slowClosed,
    normalClosed,
  };
  for (const ws of sockets) ws.terminate();
  return result;
});
