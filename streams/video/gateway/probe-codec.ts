import { execFile } from 'node:child_process';
import type { PulledSource } from './gateway-types';

export type CodecProbe = { ok: true; codec: string; width: number; height: number } | { ok: false; reason: string };

/** ffprobe beside a given ffmpeg (same folder), or from the PATH. */
export function ffprobeBeside(ffmpeg: string): string {
  const i = Math.max(ffmpeg.lastIndexOf('/'), ffmpeg.lastIndexOf('\\'));
  return i < 0 ? 'ffprobe' : `${ffmpeg.slice(0, i + 1)}ffprobe${ffmpeg.endsWith('.exe') ? '.exe' : ''}`;
}

function input(s: Exclude<PulledSource, { kind: 'synthetic' }>, timeoutS: number): string[] {
  const us = String(timeoutS * 1_000_000);
  if (s.kind === 'rtsp') return ['-protocol_whitelist', 'rtsp,rtsps,rtp,tcp,udp,tls', '-rtsp_transport', 'tcp', '-timeout', us, s.url];
  if (s.kind === 'http') return ['-protocol_whitelist', 'http,https,tcp,tls', '-rw_timeout', us, s.url];
  return ['-protocol_whitelist', 'file', s.path];
}

/** The first video stream's codec and size (`h264` is copied as it is). A source that does not answer is a failure. */
export function probeVideoCodec(ffprobe: string, s: Exclude<PulledSource, { kind: 'synthetic' }>, timeoutS: number): Promise<CodecProbe> {
  const args = ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height', '-of', 'csv=p=0', ...input(s, timeoutS)];
  return new Promise((resolve) => {
    execFile(ffprobe, args, { timeout: (timeoutS + 5) * 1000 }, (err, stdout, stderr) => {
      const [codec, w, h] = (stdout.trim().split('\n')[0] ?? '').split(',').map((v) => v.trim());
      const width = Number(w);
      const height = Number(h);
      if (!err && codec && width > 0 && height > 0) return resolve({ ok: true, codec, width, height });
      const said = stderr.trim().split('\n').at(-1);
      resolve({ ok: false, reason: `the source did not answer${said ? `: ${said}` : err?.killed ? ' in time' : ''}` });
    });
  });
}
