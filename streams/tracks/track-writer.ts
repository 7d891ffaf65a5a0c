import type { Db } from '../db/db';

/** One accepted fix as stored: WGS84, epoch ms. */
export interface StoredFix {
  unitId: string;
  ts: number;
  lon: number;
  lat: number;
  speed?: number;
  heading?: number;
  accuracy?: number;
  receivedAt: number;
}

export interface TrackWriterOptions {
  /** Buffered fixes are written at least this often. */
  flushMs: number;
  /** Rows per INSERT; one statement carries them as arrays (unnest), so its parameter count stays 8. */
  maxBatch: number;
  /** If the database falls this far behind (or is down), the oldest buffered fixes are dropped and counted. */
  maxBuffered: number;
}

export const DEFAULT_TRACK_WRITER: TrackWriterOptions = { flushMs: 250, maxBatch: 5000, maxBuffered: 500_000 };

const INSERT = `INSERT INTO patrol_fix (unit_id, ts, lon, lat, speed, heading, accuracy, received_at)
  SELECT * FROM unnest($1::text[], $2::bigint[], $3::float8[], $4::float8[], $5::real[], $6::real[], $7::real[], $8::bigint[])
  ON CONFLICT DO NOTHING`;

/**
 * Appends patrol tracks to the database in batches, off the hot path: `add` only buffers. One flush is in
 * flight at a time; a failed flush keeps its rows for the next attempt, so a database restart loses nothing
 * unless the buffer overflows (then the oldest go first, counted in `dropped`).
 */
export class TrackWriter {
  private buffer: StoredFix[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  written = 0;
  dropped = 0;
  failures = 0;
  lastError: string | undefined;

  /** `db` may be a getter: until the database is open, fixes wait in the buffer. */
  constructor(
    private readonly db: Db | (() => Db | undefined),
    private readonly opts: TrackWriterOptions = DEFAULT_TRACK_WRITER,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.opts.flushMs);
  }

  get pending(): number {
    return this.buffer.length;
  }

  add(fix: StoredFix): void {
    this.buffer.push(fix);
    if (this.buffer.length > this.opts.maxBuffered) {
      const excess = this.buffer.length - this.opts.maxBuffered;
      this.buffer.splice(0, excess);
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
      const batch = this.buffer.slice(0, this.opts.maxBatch);
      try {
        await db.query(INSERT, columns(batch));
      } catch (err) {
        this.failures++;
        this.lastError = (err as Error).message;
        return; // keep the rows; the next tick retries
      }
      // Rows added meanwhile sit behind the batch; drop exactly what was written.
      this.buffer.splice(0, batch.length);
      this.written += batch.length;
      this.lastError = undefined;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}

function columns(batch: readonly StoredFix[]): unknown[][] {
  const n = batch.length;
  const unit = new Array<string>(n);
  const ts = new Array<number>(n);
  const lon = new Array<number>(n);
  const lat = new Array<number>(n);
  const speed = new Array<number | null>(n);
  const heading = new Array<number | null>(n);
  const accuracy = new Array<number | null>(n);
  const received = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const f = batch[i] as StoredFix;
    unit[i] = f.unitId;
    ts[i] = f.ts;
    lon[i] = f.lon;
    lat[i] = f.lat;
    speed[i] = f.speed ?? null;
    heading[i] = f.heading ?? null;
    accuracy[i] = f.accuracy ?? null;
    received[i] = f.receivedAt;
  }
  return [unit, ts, lon, lat, speed, heading, accuracy, received];
}
