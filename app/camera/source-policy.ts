import { formatNetUrl, parseNetUrl } from './camera-url';
import { hostAllowed, parseHostRules, DEFAULT_CAMERA_HOSTS, type HostRule } from './host-rules';
import { hasSecretParams } from './redact-url';

/**
 * The hall's source policy: which camera URLs it accepts and what each becomes. Only sources this
 * returns ever reach ffmpeg or a browser (docs/architecture.md, "Cameras"). Pure.
 */

/** What the video gateway pulls (its PulledSource, less the demo's synthetic pictures). */
export type PulledCameraSource = { kind: 'rtsp'; url: string } | { kind: 'http'; url: string } | { kind: 'file'; path: string };

/** An HLS URL without credentials, played by the tiles straight from the video platform; or a pulled source. */
export type CameraSource = { kind: 'hls'; url: string } | PulledCameraSource;

export interface SourcePolicy {
  /** Hosts camera URLs may name (GRIDWALL_CAMERA_HOSTS; default DEFAULT_CAMERA_HOSTS). */
  hosts: readonly HostRule[];
  /** Absolute path of the media dir `file:<name>` sources live in (CAMERA_FILE_DIR). */
  mediaDir: string;
  /** What to tell the user to set to allow another host (for the messages). */
  hostSetting?: string;
}

export type SourceResult = { ok: true; source: CameraSource } | { ok: false; reason: string };

export const MAX_URL_LENGTH = 2048;
const MAX_FILE_NAME = 255;

export function defaultSourcePolicy(mediaDir: string): SourcePolicy {
  return { hosts: parseHostRules(DEFAULT_CAMERA_HOSTS).rules, mediaDir };
}

const refuse = (reason: string): SourceResult => ({ ok: false, reason });

/** Resolves `file:<name>` to a path inside the media dir, refusing anything that could leave it. */
function fileSource(name: string, policy: SourcePolicy): SourceResult {
  if (!name) return refuse('"file:" needs the name of a file in the media dir (CAMERA_FILE_DIR), e.g. file:drill/market.mp4');
  if (!policy.mediaDir) return refuse('file sources are disabled: the hall has no media dir (CAMERA_FILE_DIR)');
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name) || name.startsWith('~')) {
    return refuse('"file:" takes a name inside the media dir (CAMERA_FILE_DIR), not an absolute path');
  }
  if (name.length > MAX_FILE_NAME) return refuse(`the file name is longer than ${MAX_FILE_NAME} characters`);
  if (name.includes('\\')) return refuse('the file name contains "\\": separate folders with "/"');
  const segments = name.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return refuse('the file name contains "." or ".." segments; it must stay inside the media dir');
  if (segments.some((s) => s === '')) return refuse('the file name contains an empty folder ("//" or a trailing "/")');
  if (segments.some((s) => s.startsWith('.'))) return refuse('file and folder names starting with "." are not allowed');
  if (!segments.every((s) => /^[\p{L}\p{N}_\-. ()+]+$/u.test(s))) {
    return refuse('the file name may use letters, digits, spaces and _ - . ( ) + only (no ":", "%", "|" or control characters)');
  }
  const sep = policy.mediaDir.includes('\\') && !policy.mediaDir.includes('/') ? '\\' : '/';
  const dir = policy.mediaDir.replace(/[\\/]+$/, '');
  return { ok: true, source: { kind: 'file', path: `${dir}${sep}${segments.join(sep)}` } };
}

/**
 * Checks a camera stream URL against the policy: `{kind: 'hls'}` for an http(s) `.m3u8` URL without
 * credentials (played directly), a pulled source for `rtsp://`/`rtsps://`, http(s) with credentials or
 * not HLS, and `file:<name>` under the media dir. Everything else is refused with a reason that never
 * repeats the URL's credentials.
 */
export function parseCameraSource(url: string, policy: SourcePolicy): SourceResult {
  if (typeof url !== 'string' || url.length === 0) return refuse('the URL is empty');
  if (url.length > MAX_URL_LENGTH) return refuse(`the URL is longer than ${MAX_URL_LENGTH} characters`);
  if (url.includes('\u0000') || /%00/.test(url)) return refuse('the URL contains a NUL character');
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'file') {
    if (/^file:\/\//i.test(url)) return refuse('"file:" takes a name inside the media dir (file:<name>), not a file:// URL');
    return fileSource(url.slice(5), policy);
  }
  if (!scheme) return refuse('the URL has no scheme: use rtsp://, rtsps://, http(s):// (HLS or a stream) or file:<name>');
  if (!['rtsp', 'rtsps', 'http', 'https'].includes(scheme)) {
    return refuse(`the scheme "${scheme.slice(0, 20)}:" is not allowed: use rtsp://, rtsps://, http(s):// (HLS or a stream) or file:<name>`);
  }
  if (url.includes('|')) return refuse('the URL contains "|", which ffmpeg reads as a protocol pipe');
  const u = parseNetUrl(url);
  if ('error' in u) return refuse(`the URL is malformed: ${u.error}`);
  const setting = policy.hostSetting ?? 'GRIDWALL_CAMERA_HOSTS';
  if (!hostAllowed(u.host, policy.hosts)) {
    return refuse(
      u.host.kind === 'name'
        ? `the host name "${u.host.name}" is not on the hall's list of camera hosts: a DNS name could point anywhere, so use the camera's IP address or add the name to ${setting}`
        : `the address ${u.host.text} is outside the hall's camera hosts (loopback and private LAN ranges by default; ${setting} changes them)`,
    );
  }
  const clean = formatNetUrl(u);
  if (scheme === 'rtsp' || scheme === 'rtsps') return { ok: true, source: { kind: 'rtsp', url: clean } };
  const secret = u.userinfo !== undefined || hasSecretParams(u.query);
  if (!secret && u.path.toLowerCase().endsWith('.m3u8')) return { ok: true, source: { kind: 'hls', url: clean } };
  // Credentials stay in the hall: the gateway pulls such a stream and serves it as its own HLS.
  return { ok: true, source: { kind: 'http', url: clean } };
}

/** Whether a source is pulled by the gateway (not played directly by the tiles). */
export function isPulled(s: CameraSource): s is PulledCameraSource {
  return s.kind !== 'hls';
}
