import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The credentials a benchmark's hall is started with: walls, the load generator (a gateway), monitoring. */
export interface BenchTokens {
  wall: string;
  gateway: string;
  monitor: string;
}

export interface HallProcess {
  url: string;
  mqtt: string;
  tokens: BenchTokens;
  pid: number;
  /** Reads the hall's own Prometheus metrics (its CPU seconds, RSS, counters). */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The hall server under test, in its own process (`gridwall serve`), on free ports and a fresh data dir.
 * `build`: rebuild the wall app first if its sources changed (for benchmarks that open it in a browser).
 */
export async function startHallProcess(env: Record<string, string>, opts: { build?: boolean } = {}): Promise<HallProcess> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gridwall-bench-'));
  const tokens: BenchTokens = { wall: randomBytes(18).toString('hex'), gateway: randomBytes(18).toString('hex'), monitor: randomBytes(18).toString('hex') };
  const credentials = { GRIDWALL_TOKENS: `wall:${tokens.wall},gateway:${tokens.gateway},monitor:${tokens.monitor}`, UNITS_PER_TOKEN: '1000000' };
  const root = path.resolve(import.meta.dirname, '..');
  // BENCH_PROFILE=<dir> writes a CPU profile of the hall process there, for looking at where time goes.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const proc: ChildProcess = spawn(process.execPath, [...profile, path.join(root, 'bin/gridwall.mjs'), 'serve', ...(opts.build ? [] : ['--no-build'])], {
    env: { ...process.env, MQTT_URL: '', DATABASE_URL: '', PORT: '0', MQTT_PORT: '0', GRIDWALL_DATA: dataDir, ...credentials, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const [url, mqtt] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hall did not start:\n${out}`)), opts.build ? 240_000 : 60_000);
    proc.stdout?.on('data', () => {
      const w = /wall:\s+(http:\/\/[^/\s]+)/.exec(out);
      const m = /mqtt:\s+(\S+)/.exec(out);
      if (w?.[1] && m?.[1]) {
        clearTimeout(timer);
        resolve([w[1], m[1]]);
      }
    });
    proc.once('exit', (code) => reject(new Error(`hall exited (${code}):\n${out}`)));
  });
  // A hall in service has its database open long since: measure that, not the first start's initdb.
  for (let i = 0; i < 120; i++) {
    const h = (await (await fetch(`${url}/api/health`)).json()) as { db: { ready: boolean } };
    if (h.db.ready) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    mqtt,
    tokens,
    pid: proc.pid ?? 0,
    metric: async (name, labels = {}) => {
      const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${tokens.monitor}` } })).text();
      const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
      const line = text.split('\n').find((l) => (l.startsWith(`${name}{`) && want.every((w) => l.includes(w))) || (!want.length && l.startsWith(`${name} `)));
      return line ? Number(line.split(' ').at(-1)) : 0;
    },
    stop: async () => {
      if (proc.exitCode === null) {
        const gone = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
        proc.kill('SIGKILL');
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
