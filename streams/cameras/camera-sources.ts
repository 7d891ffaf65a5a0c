import type { CameraSpec } from '../../app/camera/camera-spec';
import { parseCameraSource, type CameraSource, type SourcePolicy } from '../../app/camera/source-policy';
import type { PulledSource } from '../video/gateway/gateway-types';
import { checkMediaFile } from './media-file';

/** The demo city's generated pictures: given to `register` in code, never accepted from the HTTP API. */
export type SyntheticSource = Extract<PulledSource, { kind: 'synthetic' }>;

/** Where a held camera's picture comes from. */
export type HeldSource = CameraSource | SyntheticSource;

export type ResolvedSources = { ok: true; main: CameraSource; sub?: CameraSource } | { ok: false; reason: string };

/** One stream URL through the policy, then (for `file:`) the file system: symbolic links must not lead out. */
export async function resolveSource(url: string, policy: SourcePolicy): Promise<{ ok: true; source: CameraSource } | { ok: false; reason: string }> {
  const r = parseCameraSource(url, policy);
  if (!r.ok || r.source.kind !== 'file') return r;
  const file = await checkMediaFile(r.source.path, policy.mediaDir);
  return file.ok ? { ok: true, source: { kind: 'file', path: file.path } } : { ok: false, reason: file.reason };
}

/** A spec's main and sub-streams as the hall will play or pull them; the reason names the stream at fault. */
export async function resolveSources(spec: CameraSpec, policy: SourcePolicy): Promise<ResolvedSources> {
  const main = await resolveSource(spec.main.url, policy);
  if (!main.ok) return { ok: false, reason: `main.url: ${main.reason}` };
  if (!spec.sub) return { ok: true, main: main.source };
  const sub = await resolveSource(spec.sub.url, policy);
  if (!sub.ok) return { ok: false, reason: `sub.url: ${sub.reason}` };
  return { ok: true, main: main.source, sub: sub.source };
}
