// Runs PGlite (Postgres in WASM) in a worker thread, so big track inserts never stall the event loop
// that serves the walls. Messages: {id, sql, params} → {id, rows} | {id, error}.
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
const { dir } = workerData as { dir: string | undefined };

try {
  const db = await PGlite.create(dir);
  await migrate((fn) => db.transaction((tx) => fn(tx as unknown as Tx)));
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
