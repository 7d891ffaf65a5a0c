import { execFile } from 'node:child_process';
import { accessArgs } from './gateway-args';
import type { PulledSource } from './gateway-types';

export type CodecProbe = { ok: true; codec: string; width: number; height: number } | { ok: false; reason: string };

/** ffprobe beside a given ffmpeg (same folder), or from the PATH. */
export function ffprobeBeside(ffmpeg: string): string {
  const i = Math.max(ffmpeg.lastIndexOf('/'), ffmpeg.lastIndexOf('\\'));
  return i < 0 ? 'ffprobe' : `${ffmpeg.slice(0, i + 1)}ffprobe${ffmpeg.endsWith('.exe') ? '.exe' : ''}`;
}

/** How ffprobe reaches the source: the same guard as ffmpeg (source-guard.ts). */
export interface ProbeAccess {
  httpProxy?: string;
  env?: NodeJS.ProcessEnv;
}

/** The first video stream's codec and size (`h264` is copied as it is). A source that does not answer is a failure. */
export function probeVideoCodec(ffprobe: string, s: Exclude<PulledSource, { kind: 'synthetic' }>, timeoutS: number, access: ProbeAccess = {}): Promise<CodecProbe> {
  const target = s.kind === 'file' ? s.path : s.url;
  const args = ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height', '-of', 'csv=p=0', ...accessArgs(s, { ioTimeoutS: timeoutS, ...(access.httpProxy ? { httpProxy: access.httpProxy } : {}) }), target];
  return new Promise((resolve) => {
    execFile(ffprobe, args, { timeout: (timeoutS + 5) * 1000, ...(access.env ? { env: access.env } : {}) }, (err, stdout, stderr) => {
      const [codec, w, h] = (stdout.trim().split('\n')[0] ?? '').split(',').map((v) => v.trim());
      const width = Number(w);
      const height = Number(h);
      if (!err && codec && width > 0 && height > 0) return resolve({ ok: true, codec, width, height });
      const said = stderr.trim().split('\n').at(-1);
      resolve({ ok: false, reason: `the source did not answer${said ? `: ${said}` : err?.killed ? ' in time' : ''}` });
    });
  });
}
