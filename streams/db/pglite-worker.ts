// Runs PGlite (Postgres in WASM) in a worker thread, so big track inserts never stall the event loop
// that serves the walls. Messages: {id, sql, params} → {id, rows} | {id, error}.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import type { Tx } from './db';
import { migrate } from './migrations';

export interface WorkerRequest {
  id: number;
  sql: string;
  params?: unknown[];
}
export type WorkerResponse =
  | { id: number; rows: unknown[] }
  | { id: number; error: string }
  | { ready: true }
  | { failed: string }
  | { closed: true };

const port = parentPort;
if (!port) throw new Error('pglite-worker must run in a worker thread');
const { dir, initOnly } = workerData as { dir: string | undefined; initOnly?: boolean };

// A hall's database is small next to a wall's needs; the default 128 MB of shared buffers is not.
const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

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

try {
  yieldToLivePath();
  const db = await PGlite.create(dir, { startParams });
  await migrate((fn) => db.transaction((tx) => fn(tx as unknown as Tx)));
  if (initOnly) {
    // Creating a data dir (initdb) leaves hundreds of MB in this thread; the caller ends it and opens anew.
    await db.close();
    port.postMessage({ ready: true } satisfies WorkerResponse);
    await new Promise(() => {});
  }
  port.on('message', async (req: WorkerRequest | 'close') => {
    if (req === 'close') {
      await db.close();
      port.postMessage({ closed: true } satisfies WorkerResponse);
      return;
    }
    try {
      const res = await db.query(req.sql, req.params);
      port.postMessage({ id: req.id, rows: res.rows } satisfies WorkerResponse);
    } catch (err) {
      port.postMessage({ id: req.id, error: (err as Error).message } satisfies WorkerResponse);
    }
  });
  port.postMessage({ ready: true } satisfies WorkerResponse);
} catch (err) {
  port.postMessage({ failed: (err as Error).message } satisfies WorkerResponse);
}
