import path from 'node:path';
import { DEFAULT_CAMERA_HOSTS, parseHostRules } from '../../app/camera/host-rules';
import type { SourcePolicy } from '../../app/camera/source-policy';
import { ConfigError, type Env } from '../config/config';

/** The cameras module's settings, from the environment (docs/architecture.md, "Cameras"). */
export interface CameraConfig {
  policy: SourcePolicy;
  /** The host allow list as configured, for messages and the health section. */
  hosts: readonly string[];
}

/**
 * `GRIDWALL_CAMERA_HOSTS`: comma-separated CIDR ranges, addresses and exact host names camera URLs may
 * name; replaces the default (loopback and the private LAN ranges), which `default` in the list brings
 * back (`default,169.254.0.0/16,nvr.hall.local`). `CAMERA_FILE_DIR`: where `file:<name>` sources live,
 * default `<data>/media`.
 */
export function loadCameraConfig(env: Env, dataDir: string): CameraConfig {
  const raw = env.GRIDWALL_CAMERA_HOSTS?.trim();
  const entries = raw ? raw.split(',').flatMap((e) => (e.trim().toLowerCase() === 'default' ? [...DEFAULT_CAMERA_HOSTS] : [e])) : [...DEFAULT_CAMERA_HOSTS];
  const { rules, errors } = parseHostRules(entries.filter((e) => e.trim() !== ''));
  if (errors.length) {
    throw new ConfigError('GRIDWALL_CAMERA_HOSTS', `GRIDWALL_CAMERA_HOSTS: ${errors.join('; ')}. Give CIDR ranges, addresses or host names separated by commas (e.g. "default,169.254.0.0/16,nvr.hall.local").`);
  }
  if (entries.length > 1000) throw new ConfigError('GRIDWALL_CAMERA_HOSTS', 'GRIDWALL_CAMERA_HOSTS lists more than 1000 entries: use CIDR ranges.');
  const dir = env.CAMERA_FILE_DIR?.trim();
  const mediaDir = path.resolve(dir || path.join(dataDir, 'media'));
  return { policy: { hosts: rules, mediaDir }, hosts: entries.map((e) => e.trim()) };
}
