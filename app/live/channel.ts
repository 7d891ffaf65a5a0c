import type { Static, TSchema } from 'typebox';
import type { Audience } from '../auth/roles';
import type { PlaceTags } from '../place/place-codes';

/**
 * How a live channel's changes combine (docs/architecture.md, "Live channels"):
 * - `latest`: one current value per key (a patrol's position). Under backpressure only the latest value
 *   of each key is sent; a key can be removed.
 * - `append`: a stream of events (a new report). Never dropped, never coalesced; surfaces keep the newest.
 */
export type MergeMode = 'latest' | 'append';

/** How an audience other than `full` sees a channel: each item masked (or hidden), and keys mapped alike. */
export interface ChannelView<T> {
  /** The item as this audience may see it, or undefined to hide it. */
  item(item: T): T | undefined;
  /** The key the audience sees for a key (must agree with `key(item(x))`). */
  key(key: string): string;
}

/**
 * A named live channel: what its items look like (a wire schema every item is checked against on both
 * ends), how to key and merge them, where they are (scope tags), and per-audience views. Defined once in
 * `app/<capability>/`, used by the hall's fan-out and by every surface.
 */
export interface ChannelSpec<S extends TSchema = TSchema> {
  /** Channel name on the wire: lower case, digits and dashes. */
  readonly name: string;
  readonly schema: S;
  readonly merge: MergeMode;
  /** Identity of an item: the key `latest` merges on; for `append`, the id duplicates are dropped by. */
  key(item: Static<S>): string;
  /** Where the item is, for scoped surfaces. */
  tags(item: Static<S>): PlaceTags;
  /** `append`: how many recent items a snapshot carries and a surface keeps. */
  readonly keep?: number;
  /** Views for audiences other than `full` (exhibit surfaces never see personal data). */
  readonly views?: Partial<Record<Exclude<Audience, 'full'>, ChannelView<Static<S>>>>;
}

/** The item type of a channel. */
export type ItemOf<C> = C extends ChannelSpec<infer S> ? Static<S> : never;

const NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** Declares a channel, checking its name and settings once, where it is defined. */
export function defineChannel<S extends TSchema>(spec: ChannelSpec<S>): ChannelSpec<S> {
  if (!NAME.test(spec.name)) throw new Error(`channel name "${spec.name}" must match ${NAME}`);
  if (spec.merge === 'append' && !(spec.keep && spec.keep > 0)) throw new Error(`append channel "${spec.name}" needs keep > 0`);
  return spec;
}

/** An item checker: the hall compiles schemas; the wall (whose CSP forbids eval) interprets them. */
export type CheckerFactory = (schema: TSchema) => (value: unknown) => boolean;

/** One registered channel with its compiled checker. */
export interface RegisteredChannel {
  readonly spec: ChannelSpec;
  check(value: unknown): boolean;
}

/**
 * The channels a hall (or a surface) knows, by name. Generic code (fan-out, snapshot, applyDelta, the
 * cluster bus) loops over this; a capability adds a channel by registering its spec, touching nothing else.
 */
export class ChannelRegistry {
  private readonly byName = new Map<string, RegisteredChannel>();

  constructor(private readonly checker: CheckerFactory) {}

  register(spec: ChannelSpec): RegisteredChannel {
    const existing = this.byName.get(spec.name);
    if (existing) {
      if (existing.spec === spec) return existing;
      throw new Error(`two live channels are named "${spec.name}"`);
    }
    const entry: RegisteredChannel = { spec, check: this.checker(spec.schema) };
    this.byName.set(spec.name, entry);
    return entry;
  }

  get(name: string): RegisteredChannel | undefined {
    return this.byName.get(name);
  }

  list(): RegisteredChannel[] {
    return Array.from(this.byName.values());
  }

  get size(): number {
    return this.byName.size;
  }
}
