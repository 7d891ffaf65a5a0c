import { parseNetUrl } from '../../../app/camera/camera-url';
import type { GuardOptions } from './host-guard';
import { hostText } from './host-guard';
import { HttpGuard } from './http-guard';
import { RtspGuard } from './rtsp-guard';
import type { PulledSource } from './gateway-types';

/**
 * What ffmpeg and ffprobe are given for one pulled camera so that every connection they make passes the
 * hall's host rules (docs/architecture.md, "Cameras"): RTSP through the relay (rtsp-guard.ts), http(s)
 * through the forward proxy (http-guard.ts). Files and synthetic pictures need neither.
 */
export interface GuardedInput {
  /** The source as handed to ffmpeg (an RTSP camera's URL points at the relay). */
  source: PulledSource;
  /** For `-http_proxy`. */
  httpProxy?: string;
  /** ffmpeg's environment: the proxy variables set or removed, so `no_proxy` can never bypass the proxy. */
  env: NodeJS.ProcessEnv;
  /** URLs that may appear in ffmpeg's messages and stand for the source (scrubbed like it). */
  aliases: string[];
}

export interface SourceGuard {
  input(): GuardedInput;
  /** Before each ffmpeg or ffprobe: forget where a previous run was redirected. */
  reset(): void;
  close(): Promise<void>;
}

/** The environment without any proxy setting ffmpeg reads (`http_proxy`, `no_proxy`) or a sibling might. */
export function proxyFreeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!/^(https?|all|no|ftp)_proxy$/i.test(k)) out[k] = v;
  return out;
}

export async function openSourceGuard(source: PulledSource, o: GuardOptions): Promise<SourceGuard | undefined> {
  if (source.kind === 'rtsp') {
    const g = await RtspGuard.start(source.url, o);
    return {
      input: () => ({ source: { ...source, url: g.url }, env: proxyFreeEnv(process.env), aliases: [g.url] }),
      reset: () => g.reset(),
      close: () => g.close(),
    };
  }
  if (source.kind === 'http') {
    const u = parseNetUrl(source.url);
    if ('error' in u) throw new Error('the camera URL does not parse');
    const g = await HttpGuard.start(hostText(u.host), o);
    return {
      input: () => ({ source, httpProxy: g.url, env: { ...proxyFreeEnv(process.env), http_proxy: g.url }, aliases: [] }),
      reset: () => {},
      close: () => g.close(),
    };
  }
  return undefined;
}
