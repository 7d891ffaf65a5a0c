import type { FastifyInstance } from 'fastify';
import type { ChannelRegistry, ChannelSpec, RegisteredChannel } from '../../app/live/channel';
import type { HealthSection } from '../../app/hall/health';
import type { Db } from '../db/db';
import type { ModuleMigrations } from '../db/migrations';
import type { TopicRouter } from '../ingest/topic-router';
import type { LiveHub } from '../live/live-hub';
import type { LiveMetrics } from '../live/live-metrics';
import type { LogLimiter } from '../log/log-limiter';
import type { ChannelOptions, ChannelPublisher, HallContext, HallModule, ModuleSetup, PublishOptions, RemoteChange } from './hall-module';

/** Where channel changes go besides the local fan-out: the cluster bus, once the broker is connected. */
export interface Relay {
  upsert(ch: RegisteredChannel, item: unknown, at: number): void;
  remove(ch: RegisteredChannel, key: string): void;
  append(ch: RegisteredChannel, item: unknown): void;
}

export interface HostDeps {
  context: Omit<HallContext, 'log'>;
  registry: ChannelRegistry;
  hub: LiveHub;
  router: TopicRouter;
  limiter: LogLimiter;
  liveMetrics: LiveMetrics;
}

const NAME = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * Runs the hall's modules: gives each its setup context, and keeps what they registered (channels,
 * topics, routes, health, database hooks, timers, stop hooks) for the hall to wire. The module code never
 * sees the hub, the router or the server; it sees the context and its own channels.
 */
export class ModuleHost {
  private readonly routeFns: Array<(app: FastifyInstance) => void> = [];
  private readonly healthFns = new Map<string, () => HealthSection>();
  private readonly dbHooks: Array<{ module: string; fn: (db: Db) => Promise<void> }> = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly stops: Array<() => Promise<void> | void> = [];
  private readonly mediaFns: Array<(host: string | undefined) => readonly string[]> = [];
  private readonly remotes = new Map<string, (change: RemoteChange<unknown>) => void>();
  private readonly modules: HallModule[] = [];
  relay: Relay | undefined;

  constructor(private readonly d: HostDeps) {}

  async add(module: HallModule): Promise<void> {
    if (!NAME.test(module.name)) throw new Error(`hall module name "${module.name}" must match ${NAME}`);
    if (this.modules.some((m) => m.name === module.name)) throw new Error(`two hall modules are named "${module.name}"`);
    this.modules.push(module);
    let open = true;
    const guard = (what: string) => {
      if (!open) throw new Error(`module ${module.name}: ${what} may only be registered during setup`);
    };
    const log = { warn: (kind: string, message: string) => this.d.limiter.warn(`${module.name}:${kind}`, message) };
    const setup: ModuleSetup = {
      ...this.d.context,
      log,
      channel: <T>(spec: ChannelSpec, opts?: ChannelOptions<T>): ChannelPublisher<T> => {
        guard('a channel');
        const ch = this.d.registry.register(spec);
        if (opts?.onRemote) this.remotes.set(spec.name, opts.onRemote as (c: RemoteChange<unknown>) => void);
        return this.publisher<T>(ch, log);
      },
      topic: (route) => {
        guard('a topic');
        this.d.router.add(route);
      },
      routes: (fn) => {
        guard('routes');
        this.routeFns.push(fn);
      },
      health: (fn) => {
        guard('health');
        this.healthFns.set(module.name, fn);
      },
      onDatabase: (fn) => {
        guard('a database hook');
        this.dbHooks.push({ module: module.name, fn });
      },
      every: (ms, fn) => {
        guard('a timer');
        this.timers.push(
          setInterval(() => {
            try {
              fn();
            } catch (err) {
              log.warn('timer', `${module.name}: ${(err as Error).message}`);
            }
          }, ms),
        );
      },
      onStop: (fn) => void this.stops.push(fn),
      mediaSources: (fn) => {
        guard('media sources');
        this.mediaFns.push(fn);
      },
    };
    await module.setup(setup);
    open = false;
  }

  private publisher<T>(ch: RegisteredChannel, log: { warn(kind: string, m: string): void }): ChannelPublisher<T> {
    const { hub, liveMetrics } = this.d;
    const now = () => this.d.context.clock.now();
    const invalid = (item: unknown) => {
      liveMetrics.invalid.labels(ch.spec.name).inc();
      const key = (() => {
        try {
          return String(ch.spec.key(item as never));
        } catch {
          return '?';
        }
      })();
      log.warn(`invalid:${ch.spec.name}`, `live: a ${ch.spec.name} item (${key}) fails its channel schema and was not sent to any wall`);
      return false;
    };
    return {
      upsert: (item: T, o?: PublishOptions) => {
        if (!ch.check(item)) return invalid(item);
        hub.upsert(ch, item);
        if (o?.relay !== false) this.relay?.upsert(ch, item, o?.at ?? now());
        return true;
      },
      remove: (key: string, o?: PublishOptions) => {
        hub.remove(ch, key);
        if (o?.relay !== false) this.relay?.remove(ch, key);
      },
      append: (item: T, o?: PublishOptions) => {
        if (!ch.check(item)) return invalid(item);
        hub.append(ch, item);
        if (o?.relay !== false) this.relay?.append(ch, item);
        return true;
      },
    };
  }

  /** Changes another hall server sent: to the channel's module, or straight to the fan-out. */
  applyRemote(ch: RegisteredChannel, change: RemoteChange<unknown>): void {
    const handler = this.remotes.get(ch.spec.name);
    if (handler) return handler(change);
    for (const { item } of change.upsert) this.d.hub.upsert(ch, item);
    for (const k of change.remove) this.d.hub.remove(ch, k);
    for (const item of change.append) this.d.hub.append(ch, item);
  }

  migrations(): ModuleMigrations[] {
    return this.modules.filter((m) => m.migrations?.length).map((m) => ({ module: m.name, migrations: m.migrations ?? [] }));
  }

  registerRoutes(app: FastifyInstance): void {
    for (const fn of this.routeFns) fn(app);
  }

  /** Every module's media origins for a page that came by `host`. */
  mediaSources(host: string | undefined): string[] {
    return [...new Set(this.mediaFns.flatMap((fn) => fn(host)))];
  }

  health(): Record<string, HealthSection> {
    const out: Record<string, HealthSection> = {};
    for (const [name, fn] of this.healthFns) out[name] = fn();
    return out;
  }

  /** Runs every module's database hook; one failing does not stop the others. */
  async databaseReady(db: Db, warn: (line: string) => void): Promise<void> {
    await Promise.all(
      this.dbHooks.map(({ module, fn }) => fn(db).catch((err: Error) => warn(`${module}: start-up from the database failed: ${err.message}`))),
    );
  }

  async stop(): Promise<void> {
    for (const t of this.timers.splice(0)) clearInterval(t);
    for (const fn of this.stops.splice(0).reverse()) await fn();
  }
}
