import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Debian's python3 with GStreamer's rtsp-server bindings (gir1.2-gst-rtsp-server-1.0, python3-gi). */
const PYTHON = process.env.GRIDWALL_RTSP_PYTHON ?? '/usr/bin/python3';
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rtsp-server.py');

/** Whether the real RTSP server can run here (`.ci/run` installs it). */
export function rtspServerAvailable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', "import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer"], { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * GStreamer's rtsp-server standing in for IP cameras: `mounts` like `{ cam1: 'pattern:0' }` or
 * `{ cam2: 'file:/abs/clip.mp4' }`. Stop and start it again to drop every camera off the network.
 */
export class RtspTestServer {
  private proc: ChildProcess | undefined;

  constructor(
    readonly port: number,
    private readonly mounts: Record<string, string>,
  ) {}

  static async start(mounts: Record<string, string>): Promise<RtspTestServer> {
    const s = new RtspTestServer(await freePort(), mounts);
    await s.start();
    return s;
  }

  url(mount: string, credentials?: string): string {
    return `rtsp://${credentials ? `${credentials}@` : ''}127.0.0.1:${this.port}/${mount}`;
  }

  async start(): Promise<void> {
    const args = [SCRIPT, String(this.port), ...Object.entries(this.mounts).map(([m, k]) => `${m}=${k}`)];
    const proc = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    let err = '';
    proc.stderr?.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-2000)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the RTSP server did not start in 20 s: ${err}`)), 20_000);
      proc.stdout?.on('data', (b: Buffer) => {
        if (b.toString().includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the RTSP server exited (${code}): ${err}`));
      });
    });
  }

  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = undefined;
    if (!p || p.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => p.once('exit', () => resolve()));
    p.kill('SIGTERM');
    const force = setTimeout(() => p.kill('SIGKILL'), 3000);
    await gone;
    clearTimeout(force);
  }
}
