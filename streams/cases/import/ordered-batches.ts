/**
 * Batches written `parallel` at a time (PostgreSQL: one transaction per connection, so the server works on
 * two while the importer parses the next), committed strictly in file order: batch k's progress is recorded
 * only after batches 1…k are written, so a resumed import never skips an unwritten row. Writes are
 * idempotent, so one that lost a deadlock between two batches (their day counters, locked in row order) is
 * simply run again.
 */
export interface BatchSteps<C, R> {
  write(chunk: C): Promise<R>;
  /** Runs in order, after this batch's write and every earlier batch's commit. */
  commit(chunk: C, result: R): Promise<void>;
}

/** PostgreSQL's deadlock_detected and serialization_failure: the transaction may simply be run again. */
const TRANSIENT = new Set(['40P01', '40001']);
const ATTEMPTS = 5;

async function retrying<R>(write: () => Promise<R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= ATTEMPTS || !TRANSIENT.has((err as { code?: string }).code ?? '')) throw err;
      await new Promise((r) => setTimeout(r, 20 * attempt));
    }
  }
}

export class OrderedBatches<C, R> {
  private readonly pending: Array<Promise<void>> = [];
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly steps: BatchSteps<C, R>,
    private readonly parallel = 1,
  ) {}

  /** Starts a batch once fewer than `parallel` are in flight; throws the error of one that failed. */
  async push(chunk: C): Promise<void> {
    while (this.pending.length >= this.parallel) await this.pending.shift();
    const written = retrying(() => this.steps.write(chunk));
    written.catch(() => {}); // surfaces through the commit below
    const committed = this.tail.then(async () => this.steps.commit(chunk, await written));
    committed.catch(() => {}); // surfaces when awaited in push or finish
    this.tail = committed;
    this.pending.push(committed);
  }

  /** Every batch written and committed (or the first failure). */
  async finish(): Promise<void> {
    await this.tail;
  }

  /** Waits for what is in flight, ignoring failures (for cleaning up after one). */
  async settle(): Promise<void> {
    await Promise.allSettled(this.pending);
  }
}
