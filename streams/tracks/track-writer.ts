import type { Queryable } from '../db/db';

/** One accepted fix as stored: WGS84, epoch ms. */
export interface TrackFix {
  unitId: string;
  ts: number;
  lon: number;
  lat: number;
  speed?: number;
  heading?: number;
  accuracy?: number;
  /** The unit grid the fix lies in, when the district has grids. */
  grid?: string;
}

export interface TrackWriterOptions {
  /** Buffered fixes are written at least this often. */
  flushMs: number;
  /** Rows per INSERT; one statement carries them as arrays (unnest), so its parameter count stays 9. */
  maxBatch: number;
  /** If the database falls this far behind (or is down), the oldest buffered fixes are dropped and counted. */
  maxBuffered: number;
}

export const DEFAULT_TRACK_WRITER: TrackWriterOptions = { flushMs: 1000, maxBatch: 20_000, maxBuffered: 500_000 };

const INSERT = `INSERT INTO patrol_fix (unit_id, ts, lon, lat, speed, heading, accuracy, received_at, grid)
  SELECT * FROM unnest($1::text[], $2::bigint[], $3::float8[], $4::float8[], $5::real[], $6::real[], $7::real[], $8::bigint[], $9::text[])
  ON CONFLICT DO NOTHING`;

/** Fixes buffered column by column: exactly the arrays the INSERT takes, with no per-fix objects. */
class Columns {
  unit: string[] = [];
  ts: number[] = [];
  lon: number[] = [];
  lat: number[] = [];
  speed: Array<number | null> = [];
  heading: Array<number | null> = [];
  accuracy: Array<number | null> = [];
  received: number[] = [];
  grid: Array<string | null> = [];

  get length(): number {
    return this.unit.length;
  }

  push(f: TrackFix, receivedAt: number): void {
    this.unit.push(f.unitId);
    this.ts.push(f.ts);
    this.lon.push(f.lon);
    this.lat.push(f.lat);
    this.speed.push(f.speed ?? null);
    this.heading.push(f.heading ?? null);
    this.accuracy.push(f.accuracy ?? null);
    this.received.push(receivedAt);
    this.grid.push(f.grid ?? null);
  }

  /** The first `n` rows as statement parameters. */
  params(n: number): unknown[][] {
    const all = n >= this.length;
    const take = <T>(a: T[]) => (all ? a : a.slice(0, n));
    return [take(this.unit), take(this.ts), take(this.lon), take(this.lat), take(this.speed), take(this.heading), take(this.accuracy), take(this.received), take(this.grid)];
  }

  /** Drops the first `n` rows. */
  shift(n: number): void {
    for (const a of [this.unit, this.ts, this.lon, this.lat, this.speed, this.heading, this.accuracy, this.received, this.grid] as unknown[][]) a.splice(0, n);
  }
}

/**
 * Appends patrol tracks to the database in batches, off the hot path: `add` only buffers. One flush is in
 * flight at a time; a failed flush keeps its rows for the next attempt, so a database restart loses nothing
 * unless the buffer overflows (then the oldest go first, counted in `dropped`).
 */
export class TrackWriter {
  private buffer = new Columns();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  written = 0;
  dropped = 0;
  failures = 0;
  lastError: string | undefined;

  /** `db` may be a getter: until the database is open, fixes wait in the buffer. */
  constructor(
    private readonly db: Queryable | (() => Queryable | undefined),
    private readonly opts: TrackWriterOptions = DEFAULT_TRACK_WRITER,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.opts.flushMs);
  }

  get pending(): number {
    return this.buffer.length;
  }

  /** Buffers a fix; `receivedAt` is the server time it arrived. */
  add(fix: TrackFix, receivedAt: number): void {
    this.buffer.push(fix, receivedAt);
    if (this.buffer.length > this.opts.maxBuffered) {
      const excess = this.buffer.length - this.opts.maxBuffered;
      this.buffer.shift(excess);
      this.dropped += excess;
    }
    if (this.buffer.length >= this.opts.maxBatch && !this.flushing) void this.flush();
  }

  /** Writes everything buffered so far (in batches); resolves when done or failed. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.buffer.length === 0) return Promise.resolve();
    this.flushing = this.writeAll().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async writeAll(): Promise<void> {
    const db = typeof this.db === 'function' ? this.db() : this.db;
    if (!db) return;
    while (this.buffer.length) {
      const n = Math.min(this.buffer.length, this.opts.maxBatch);
      const params = this.buffer.params(n);
      // Rows added while the statement runs land behind these; a whole-buffer batch is swapped out at once.
      const swapped = n === this.buffer.length ? this.buffer : undefined;
      if (swapped) this.buffer = new Columns();
      try {
        await db.query(INSERT, params);
      } catch (err) {
        this.failures++;
        this.lastError = (err as Error).message;
        if (swapped) this.restore(swapped);
        return; // keep the rows; the next tick retries
      }
      if (!swapped) this.buffer.shift(n);
      this.written += n;
      this.lastError = undefined;
    }
  }

  /** Puts a failed batch back in front of whatever arrived meanwhile. */
  private restore(batch: Columns): void {
    const later = this.buffer;
    this.buffer = batch;
    for (let i = 0; i < later.length; i++) {
      const f: TrackFix = { unitId: later.unit[i] as string, ts: later.ts[i] as number, lon: later.lon[i] as number, lat: later.lat[i] as number };
      if (later.speed[i] !== null) f.speed = later.speed[i] as number;
      if (later.heading[i] !== null) f.heading = later.heading[i] as number;
      if (later.accuracy[i] !== null) f.accuracy = later.accuracy[i] as number;
      if (later.grid[i] !== null) f.grid = later.grid[i] as string;
      this.buffer.push(f, later.received[i] as number);
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
