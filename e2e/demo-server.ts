import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface DemoServer {
  url: string;
  /** The wall token the demo printed (in the wall URL's fragment). */
  token: string;
  /** The wall URL exactly as printed: it works as is. */
  wallUrl: string;
  dataDir: string;
  output: () => string;
  /** Stops the demo; the data dir stays when `keepData` (for a restart on the same data). */
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

export interface DemoServerOptions {
  /** Extra environment; MQTT_URL and DATABASE_URL are cleared unless given here (embedded path by default). */
  env?: Record<string, string>;
  args?: string[];
  dataDir?: string;
}

/**
 * Starts the real demo city (`gridwall demo --headless`) with its own data dir, on free ports unless PORT
 * is given: embedded broker, simulator, demo camera through real ffmpeg, the built wall app.
 */
export async function startDemoServer(o: DemoServerOptions = {}): Promise<DemoServer> {
  const dataDir = o.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'gridwall-e2e-')));
  const proc: ChildProcess = spawn(process.execPath, ['bin/gridwall.mjs', 'demo', '--headless', '--no-build', ...(o.args ?? [])], {
    env: { ...process.env, MQTT_URL: '', DATABASE_URL: '', PORT: '0', MQTT_PORT: '0', GRIDWALL_DATA: dataDir, ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const wallUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start in 60 s:\n${out}`)), 60_000);
    const onData = () => {
      const m = /wall:\s+(http:\/\/\S+)\s/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    proc.stdout?.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code}:\n${out}`));
    });
  });
  const parsed = new URL(wallUrl);
  return {
    url: parsed.origin,
    token: new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '',
    wallUrl,
    dataDir,
    output: () => out,
    stop: async ({ keepData } = {}) => {
      if (proc.exitCode === null) {
        const gone = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await gone;
      }
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
