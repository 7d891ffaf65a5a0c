import { spawn } from 'node:child_process';

/** ffmpeg failed: its exit and the last line it wrote (paths are ours, never a camera's credentials). */
export class FfmpegError extends Error {
  override name = 'FfmpegError';
  constructor(
    message: string,
    /** ffmpeg reported a full disk (it writes the clip and exports itself). */
    readonly diskFull: boolean,
  ) {
    super(message);
  }
}

export interface FfmpegResult {
  stdout: Buffer;
  ms: number;
}

/** The last non-empty line of ffmpeg's stderr, one line, capped. */
const lastLine = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1)
    ?.slice(0, 200) ?? '';

/**
 * Runs ffmpeg to completion with a time limit, keeping what it writes to stdout (a frame) in memory;
 * `stdin` is fed to it as `pipe:0`.
 * `-nostdin` and `-hide_banner -loglevel error` are added here, so callers give only the work.
 */
export function runFfmpeg(bin: string, args: readonly string[], opts: { timeoutMs?: number; maxStdout?: number; stdin?: Buffer } = {}): Promise<FfmpegResult> {
  const t0 = performance.now();
  const maxStdout = opts.maxStdout ?? 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const p = spawn(bin, ['-hide_banner', '-loglevel', 'error', '-nostdin', ...args], { stdio: [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    if (opts.stdin && p.stdin) {
      p.stdin.on('error', () => {}); // ffmpeg stops reading once it has its frame (EPIPE): expected
      p.stdin.end(opts.stdin);
    }
    const out: Buffer[] = [];
    let size = 0;
    let err = '';
    let failed: FfmpegError | undefined;
    const timer = setTimeout(() => {
      failed = new FfmpegError(`ffmpeg took longer than ${opts.timeoutMs} ms and was stopped`, false);
      p.kill('SIGKILL');
    }, opts.timeoutMs ?? 30_000);
    p.stdout?.on('data', (d: Buffer) => {
      size += d.length;
      if (size > maxStdout) {
        failed = new FfmpegError(`ffmpeg wrote more than ${maxStdout} bytes`, false);
        p.kill('SIGKILL');
      } else out.push(d);
    });
    p.stderr?.on('data', (d: Buffer) => {
      err = (err + d.toString('utf8')).slice(-4000);
    });
    p.once('error', (e) => {
      clearTimeout(timer);
      reject(new FfmpegError(`ffmpeg could not be started (${e.message})`, false));
    });
    p.once('close', (code) => {
      clearTimeout(timer);
      if (failed) return reject(failed);
      if (code !== 0) return reject(new FfmpegError(`ffmpeg exited with ${code}: ${lastLine(err) || 'no message'}`, /No space left on device|Disk quota exceeded/i.test(err)));
      resolve({ stdout: Buffer.concat(out), ms: performance.now() - t0 });
    });
  });
}
