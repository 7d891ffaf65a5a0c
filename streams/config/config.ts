import path from 'node:path';
import envPaths from 'env-paths';
import { DEFAULT_SILENCE, type SilenceThresholds } from '../../app/patrol/patrol';
import { parseTokenList, TokenError, type TokenEntry } from '../auth/tokens';

/** A configuration mistake, reported as one clear sentence naming the setting — never a stack trace. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A TCP port and whether the user asked for it (an explicit busy port is an error, a default one may move). */
export interface PortSetting {
  setting: string;
  port: number;
  explicit: boolean;
}

export type MqttConfig =
  | { mode: 'embedded'; port: PortSetting; host: string; /** Which setting named the host (MQTT_HOST or HOST). */ hostSetting: string }
  | { mode: 'external'; url: string };

export interface HallConfig {
  host: string;
  http: PortSetting;
  mqtt: MqttConfig;
  /** Broker URL to advertise to terminals, when it differs from what the server itself uses. */
  mqttPublicUrl?: string;
  topicPrefix: string;
  dataDir: string;
  databaseUrl?: string;
  /** Fan-out tick: deltas are batched per tick. */
  tickMs: number;
  silence: SilenceThresholds;
  /** Default ports that are busy move to a free one (the demo), rather than failing. */
  movePortsWhenBusy: boolean;
  ffmpegPath?: string;
  centreName?: string;
  /** The hall's local time zone (IANA), for clocks on the wall and burned into demo video. */
  timeZone: string;
  ingest: IngestConfig;
  /** Track fixes older than this are deleted. */
  trackRetentionDays: number;
  /** A patrol's track keeps at most one fix per this interval (0 keeps every fix). */
  trackMinIntervalMs: number;
  /** Shared-subscription group of the hall servers on one external broker. */
  shareGroup: string;
  /** API tokens by role, from GRIDWALL_TOKENS ("terminal:abc,wall:def,subcentre@110107011000:ghi"). */
  tokens: TokenEntry[];
  /** Distinct units one unbound terminal or gateway token may speak for. */
  unitsPerToken: number;
  /** Silence after which a patrol leaves the live state. */
  patrolForgetMs: number;
  /** Host names (besides this machine's own) browsers may use to reach the hall (a DNS name, a proxy). */
  allowedHosts: string[];
  /** The secret hall servers sign their cluster messages with (else shared through the database or a file). */
  clusterSecret?: string;
  /** The hall's district config file (GRIDWALL_CONFIG); absent: the demo city. */
  cityConfig?: string;
}

export interface IngestConfig {
  /** What terminals report in when a fix does not say. */
  defaultCrs: 'wgs84' | 'gcj02' | 'bd09';
  /** Fixes farther than this outside the district are refused. */
  serviceAreaMarginKm: number;
  maxPayloadBytes: number;
  /** Messages per second (and burst) one unit id may send. */
  unitRate: number;
  unitBurst: number;
  /** Messages per second one MQTT connection may publish to the embedded broker before it is cut off. */
  clientRate: number;
  /** Past fixes a unit may deliver at full speed (a flushed offline queue); refills at one per second. */
  backlogFixes: number;
}

export type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_HTTP_PORT = 8750;
export const DEFAULT_MQTT_PORT = 1883;

export function parsePort(setting: string, raw: string | undefined, fallback: number): PortSetting {
  if (raw === undefined || raw.trim() === '') return { setting, port: fallback, explicit: false };
  const port = Number(raw.trim());
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(setting, `${setting}="${raw}" is not a TCP port (use a whole number from 0 to 65535; 0 picks a free port).`);
  }
  return { setting, port, explicit: true };
}

function parseMs(setting: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min) throw new ConfigError(setting, `${setting}="${raw}" must be a number of milliseconds ≥ ${min}.`);
  return v;
}

function parseNumber(setting: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max) throw new ConfigError(setting, `${setting}="${raw}" must be a number from ${min} to ${max}.`);
  return v;
}

function parseCrs(raw: string | undefined): IngestConfig['defaultCrs'] {
  const v = raw?.trim().toLowerCase() || 'wgs84';
  if (v === 'wgs84' || v === 'gcj02' || v === 'bd09') return v;
  throw new ConfigError('TERMINAL_CRS', `TERMINAL_CRS="${raw}" must be wgs84, gcj02 or bd09.`);
}

function parseTokens(raw: string | undefined): TokenEntry[] {
  try {
    return parseTokenList(raw);
  } catch (err) {
    if (err instanceof TokenError) throw new ConfigError('GRIDWALL_TOKENS', err.message);
    throw err;
  }
}

function parseTimeZone(raw: string | undefined): string {
  const tz = raw?.trim() || 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw new ConfigError('GRIDWALL_TZ', `GRIDWALL_TZ="${raw}" is not an IANA time zone (e.g. Asia/Shanghai).`);
  }
  return tz;
}

function parseUrl(setting: string, raw: string, protocols: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(setting, `${setting}="${raw}" is not a URL (expected e.g. ${protocols[0]}//host:port).`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(setting, `${setting} must use ${protocols.join(' or ')}, got "${url.protocol}".`);
  }
  return raw;
}

/** Where GridWall keeps its data when GRIDWALL_DATA is not set: the platform's per-user data dir. */
export function defaultDataDir(): string {
  return envPaths('gridwall', { suffix: '' }).data;
}

export interface ConfigOptions {
  /** Demo mode: busy default ports move to free ones. */
  demo?: boolean;
}

/** Reads the hall configuration from the environment (see README: configuration). Pure apart from defaults. */
export function loadConfig(env: Env, opts: ConfigOptions = {}): HallConfig {
  const http = parsePort('PORT', env.PORT, DEFAULT_HTTP_PORT);
  const host = env.HOST?.trim() || '127.0.0.1';
  const mqtt: MqttConfig = env.MQTT_URL?.trim()
    ? { mode: 'external', url: parseUrl('MQTT_URL', env.MQTT_URL.trim(), ['mqtt:', 'mqtts:', 'tcp:', 'ws:', 'wss:']) }
    : {
        mode: 'embedded',
        port: parsePort('MQTT_PORT', env.MQTT_PORT, DEFAULT_MQTT_PORT),
        host: env.MQTT_HOST?.trim() || host,
        hostSetting: env.MQTT_HOST?.trim() ? 'MQTT_HOST' : 'HOST',
      };
  const databaseUrl = env.DATABASE_URL?.trim()
    ? parseUrl('DATABASE_URL', env.DATABASE_URL.trim(), ['postgres:', 'postgresql:'])
    : undefined;
  const prefix = env.GRIDWALL_TOPIC_PREFIX?.trim() || 'gridwall/v1/';
  if (/[#+]/.test(prefix)) throw new ConfigError('GRIDWALL_TOPIC_PREFIX', 'GRIDWALL_TOPIC_PREFIX must not contain MQTT wildcards (+ or #).');
  const staleAfterMs = parseMs('PATROL_STALE_MS', env.PATROL_STALE_MS, DEFAULT_SILENCE.staleAfterMs, 1000);
  const offlineAfterMs = parseMs('PATROL_OFFLINE_MS', env.PATROL_OFFLINE_MS, DEFAULT_SILENCE.offlineAfterMs, 1000);
  if (offlineAfterMs <= staleAfterMs) {
    throw new ConfigError('PATROL_OFFLINE_MS', 'PATROL_OFFLINE_MS must be longer than PATROL_STALE_MS.');
  }
  const patrolForgetMs = parseMs('PATROL_FORGET_MS', env.PATROL_FORGET_MS, 4 * 3_600_000, 1000);
  if (patrolForgetMs <= offlineAfterMs) {
    throw new ConfigError('PATROL_FORGET_MS', 'PATROL_FORGET_MS must be longer than PATROL_OFFLINE_MS.');
  }
  const clusterSecret = env.GRIDWALL_CLUSTER_SECRET?.trim() || undefined;
  if (clusterSecret !== undefined && clusterSecret.length < 16) {
    throw new ConfigError('GRIDWALL_CLUSTER_SECRET', 'GRIDWALL_CLUSTER_SECRET must be 16 or more characters (the same on every hall server).');
  }
  return {
    host,
    http,
    mqtt,
    mqttPublicUrl: env.MQTT_PUBLIC_URL?.trim()
      ? parseUrl('MQTT_PUBLIC_URL', env.MQTT_PUBLIC_URL.trim(), ['mqtt:', 'mqtts:', 'ws:', 'wss:'])
      : undefined,
    topicPrefix: prefix.endsWith('/') ? prefix : `${prefix}/`,
    dataDir: path.resolve(env.GRIDWALL_DATA?.trim() || defaultDataDir()),
    databaseUrl,
    tickMs: parseMs('LIVE_TICK_MS', env.LIVE_TICK_MS, 100, 10),
    silence: { staleAfterMs, offlineAfterMs },
    movePortsWhenBusy: opts.demo ?? false,
    ffmpegPath: env.FFMPEG_PATH?.trim() || undefined,
    centreName: env.GRIDWALL_CENTRE_NAME?.trim() || undefined,
    timeZone: parseTimeZone(env.GRIDWALL_TZ),
    ingest: {
      defaultCrs: parseCrs(env.TERMINAL_CRS),
      serviceAreaMarginKm: parseNumber('SERVICE_AREA_MARGIN_KM', env.SERVICE_AREA_MARGIN_KM, 30, 0, 1000),
      maxPayloadBytes: parseNumber('MAX_PAYLOAD_BYTES', env.MAX_PAYLOAD_BYTES, 64 * 1024, 256, 16 * 1024 * 1024),
      unitRate: parseNumber('UNIT_MAX_RATE', env.UNIT_MAX_RATE, 10, 0.1, 10_000),
      unitBurst: parseNumber('UNIT_MAX_BURST', env.UNIT_MAX_BURST, 50, 1, 100_000),
      clientRate: parseNumber('MQTT_CLIENT_MAX_RATE', env.MQTT_CLIENT_MAX_RATE, 1000, 1, 1_000_000),
      backlogFixes: parseNumber('UNIT_BACKLOG_FIXES', env.UNIT_BACKLOG_FIXES, 3600, 1, 1_000_000),
    },
    trackRetentionDays: parseNumber('TRACK_RETENTION_DAYS', env.TRACK_RETENTION_DAYS, 90, 1, 36_500),
    trackMinIntervalMs: parseNumber('TRACK_MIN_INTERVAL_MS', env.TRACK_MIN_INTERVAL_MS, 1000, 0, 3_600_000),
    shareGroup: /^[A-Za-z0-9_-]{1,64}$/.test(env.GRIDWALL_SHARE_GROUP?.trim() || 'gridwall')
      ? env.GRIDWALL_SHARE_GROUP?.trim() || 'gridwall'
      : (() => {
          throw new ConfigError('GRIDWALL_SHARE_GROUP', 'GRIDWALL_SHARE_GROUP may use letters, digits, _ and - only.');
        })(),
    tokens: parseTokens(env.GRIDWALL_TOKENS),
    unitsPerToken: parseNumber('UNITS_PER_TOKEN', env.UNITS_PER_TOKEN, 500, 1, 1_000_000),
    patrolForgetMs,
    allowedHosts: (env.GRIDWALL_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean),
    clusterSecret,
    cityConfig: env.GRIDWALL_CONFIG?.trim() ? path.resolve(env.GRIDWALL_CONFIG.trim()) : undefined,
  };
}
