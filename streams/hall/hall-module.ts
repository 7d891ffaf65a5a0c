import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Static, TSchema } from 'typebox';
import type { CityInfo } from '../../app/city/city';
import type { Locator } from '../../app/city/place-locator';
import type { ResponsibilityGrid } from '../../app/grid/unit-grid';
import type { GridSet } from '../grids/grid-set';
import type { ChannelSpec } from '../../app/live/channel';
import type { HealthSection } from '../../app/hall/health';
import type { Auth, Principal } from '../auth/auth';
import type { HallConfig } from '../config/config';
import type { Db } from '../db/db';
import type { Migration } from '../db/migrations';
import type { IntakePolicy } from '../ingest/intake-policy';
import type { IngestSource, RejectReason } from '../ingest/reject-reason';

/**
 * A capability of the hall (patrols, tracks, reports, cameras, grids, cases …), in the manner of a
 * fastify plugin (docs/architecture.md, "Hall modules"): it declares its migrations, and in `setup` it
 * registers its live channels, MQTT topics, HTTP routes, metrics, health and lifecycle with the context
 * it is given. Adding a module never edits another; modules that depend on one another get each other's
 * public API when they are created.
 */
export interface HallModule {
  /** Namespace for migrations, metrics, logs and health: lower case, digits and dashes. */
  readonly name: string;
  readonly migrations?: readonly Migration[];
  setup(hall: ModuleSetup): void | Promise<void>;
}

/** The clock: one place time comes from, so tests can run the hall on their own. */
export interface Clock {
  now(): number;
}

/** A module's log: one line per kind of problem per interval, untrusted text escaped and capped. */
export interface ModuleLog {
  warn(kind: string, message: string): void;
}

/** The database as a module sees it: possibly still opening (embedded PGlite takes seconds on first start). */
export interface HallDb {
  /** The open, migrated database, or undefined while it opens. */
  current(): Db | undefined;
  /** Resolves once the database is open and every module's migrations have run. */
  ready: Promise<Db>;
}

/** Counts and logs refused input the same way for every module (`gridwall_ingest_rejected_total`). */
export interface IngestReport {
  rejected(reason: RejectReason, source: IngestSource, where: string, n?: number): void;
  accepted(kind: string, n?: number): void;
}

/** What the hall gives every module. */
export interface HallContext {
  readonly config: HallConfig;
  readonly city: CityInfo;
  /** The district's unit grids, when it has them (built, imported or shipped). */
  readonly grids: GridSet | undefined;
  /** Responsibility grids (责任网格) and the inspectors assigned to them. */
  readonly responsibility: readonly ResponsibilityGrid[];
  readonly db: HallDb;
  /** Where a point is: street, community, grid. The one locate service of the hall. */
  readonly locate: Locator['locate'];
  readonly auth: Auth;
  readonly clock: Clock;
  readonly log: ModuleLog;
  /** The hall's Prometheus registry: a module's metrics are named `gridwall_<module>_…`. */
  readonly metrics: Registry;
  readonly ingest: IngestReport;
  /** What terminal input must satisfy: time window, service area, default coordinate system. */
  readonly intake: IntakePolicy;
}

export interface PublishOptions {
  /** Server time the change arrived (default: now); other hall servers measure silence from it. */
  at?: number;
  /**
   * Send the change to the other hall servers too (default true). False for changes every server derives
   * by itself (a status from silence) or got from another server.
   */
  relay?: boolean;
}

/** How a module publishes to its live channel. Items are checked against the channel schema first. */
export interface ChannelPublisher<T> {
  /** `latest` channels: the current value of a key. Returns false (and counts it) when the item is invalid. */
  upsert(item: T, opts?: PublishOptions): boolean;
  remove(key: string, opts?: PublishOptions): void;
  /** `append` channels: a new event. */
  append(item: T, opts?: PublishOptions): boolean;
}

/** Changes another hall server accepted on a channel (items already checked against its schema). */
export interface RemoteChange<T> {
  upsert: Array<{ item: T; at: number }>;
  remove: string[];
  append: T[];
}

export interface ChannelOptions<T> {
  /** Takes changes from other hall servers; by default they are published here as they are. */
  onRemote?(change: RemoteChange<T>): void;
}

/** A message on one of the module's MQTT topics, already size-checked and parsed. */
export interface TopicMessage {
  topic: string;
  /** The `+` segments of the pattern, in order (each a safe id: letters, digits, _ . -). */
  params: string[];
  value: unknown;
  now: number;
  /** Who published it, when the embedded broker authenticated them (external brokers do their own ACL). */
  principal?: Principal;
  /** Their MQTT user name (a terminal's unit id), with `principal`. */
  username?: string;
}

export interface TopicRoute {
  /** Under the topic prefix, MQTT style: `patrol/+/position`. */
  pattern: string;
  handle(msg: TopicMessage): void;
}

/** Registration API, valid during `setup` only. */
export interface ModuleSetup extends HallContext {
  channel<S extends TSchema>(spec: ChannelSpec<S>, opts?: ChannelOptions<Static<S>>): ChannelPublisher<Static<S>>;
  topic(route: TopicRoute): void;
  /** HTTP routes; each declares `config.access`. */
  routes(register: (app: FastifyInstance) => void): void;
  /** A section of `/api/health` under the module's name. */
  health(section: () => HealthSection): void;
  /** Runs once the database is open and migrated (warm start, retention …); failures are logged. */
  onDatabase(fn: (db: Db) => Promise<void>): void;
  /** Runs `fn` every `ms` while the hall runs. */
  every(ms: number, fn: () => void): void;
  onStop(fn: () => Promise<void> | void): void;
  /**
   * Origins the wall's pages may fetch media from besides the hall's own (their Content-Security-Policy's
   * `media-src` and `connect-src`), given the `Host` a page came by: asked on every page load.
   */
  mediaSources(fn: (host: string | undefined) => readonly string[]): void;
}
