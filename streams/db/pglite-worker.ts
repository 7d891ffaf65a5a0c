// Runs PGlite (Postgres in WASM) in a worker thread, so big track inserts never stall the event loop
// that serves the walls. Statements run one at a time; a transaction holds the database until it ends,
// and statements from outside it wait (PGlite is a single connection).
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';

export type WorkerRequest =
  | { id: number; op: 'query'; sql: string; params?: unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  | { id: number; op: 'begin' }
  | { id: number; op: 'commit' | 'rollback'; tx: number };
export type WorkerResponse =
  | { id: number; rows: unknown[] }
  | { id: number; tx: number }
  | { id: number; error: string }
  | { ready: true }
  | { failed: string }
  | { closed: true };

const port = parentPort;
if (!port) throw new Error('pglite-worker must run in a worker thread');
const { dir, initOnly } = workerData as { dir: string | undefined; initOnly?: boolean };

// A hall's database is small next to a wall's needs; the default 128 MB of shared buffers is not.
const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

/** A transaction left open this long (a bug, or a caller that died) is rolled back so the hall goes on. */
const TX_TIMEOUT_MS = 60_000;

/**
 * Track writes can wait; the live path cannot. On Linux this thread lowers its own scheduling priority
 * (setpriority works per thread there), so on a busy hall PC the walls get the CPU first.
 */
function yieldToLivePath(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid)) setPriority(tid, 10);
  } catch {
    // not Linux, or not allowed: run at normal priority
  }
}

interface OpenTx {
  tx: Transaction;
  end: (commit: boolean) => void;
  timer: NodeJS.Timeout;
  /** Settles when PGlite has run COMMIT (resolves) or ROLLBACK (rejects). */
  done: Promise<void>;
}

try {
  yieldToLivePath();
  const db = await PGlite.create(dir, { startParams });
  if (initOnly) {
    // Creating a data dir (initdb) leaves hundreds of MB in this thread; the caller ends it and opens anew.
    await db.close();
    port.postMessage({ ready: true } satisfies WorkerResponse);
    await new Promise(() => {});
  }
  const open = new Map<number, OpenTx>();
  let nextTx = 1;
  const reply = (m: WorkerResponse) => port.postMessage(m);

  const begin = (id: number) => {
    const txId = nextTx++;
    const done = db.transaction(
      (tx) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => {
            open.delete(txId);
            reject(new Error('transaction timed out'));
          }, TX_TIMEOUT_MS);
          // `done` is assigned by now: PGlite calls this only after BEGIN has run.
          open.set(txId, { tx, timer, done, end: (commit) => (commit ? resolve() : reject(new Error('rolled back'))) });
          reply({ id, tx: txId });
        }),
    );
    done.catch(() => {}); // a failed commit is reported to the caller through its own request
  };

  port.on('message', async (req: WorkerRequest | 'close') => {
    if (req === 'close') {
      await db.close();
      reply({ closed: true });
      return;
    }
    try {
      switch (req.op) {
        case 'begin':
          return begin(req.id);
        case 'commit':
        case 'rollback': {
          const t = open.get(req.tx);
          if (!t) return reply({ id: req.id, error: 'the transaction is no longer open (timed out?)' });
          open.delete(req.tx);
          clearTimeout(t.timer);
          t.end(req.op === 'commit');
          const ended = await t.done.then(
            () => undefined,
            (err: Error) => err,
          );
          if (req.op === 'commit' && ended) return reply({ id: req.id, error: ended.message });
          return reply({ id: req.id, rows: [] });
        }
        case 'query':
        case 'exec': {
          const target = req.tx === undefined ? db : open.get(req.tx)?.tx;
          if (!target) return reply({ id: req.id, error: 'the transaction is no longer open (timed out?)' });
          if (req.op === 'exec') {
            await target.exec(req.sql);
            return reply({ id: req.id, rows: [] });
          }
          const res = await target.query(req.sql, req.params);
          return reply({ id: req.id, rows: res.rows });
        }
      }
    } catch (err) {
      reply({ id: req.id, error: (err as Error).message });
    }
  });
  port.postMessage({ ready: true } satisfies WorkerResponse);
} catch (err) {
  port.postMessage({ failed: (err as Error).message } satisfies WorkerResponse);
}
