import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db, Queryable } from './db';
import type { WorkerRequest, WorkerResponse } from './pglite-worker';

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * The embedded database: PGlite in the data dir, running in its own worker thread. `dir` undefined
 * means in memory (tests). Opening a new data dir takes a few seconds (initdb); reopening well under one.
 */
function startWorker(dir: string | undefined, initOnly: boolean): Promise<Worker> {
  const worker = new Worker(new URL('./pglite-worker-entry.mjs', import.meta.url), { workerData: { dir, initOnly } });
  return new Promise<Worker>((resolve, reject) => {
    worker.once('message', (m: WorkerResponse) => {
      if ('ready' in m) resolve(worker);
      else if ('failed' in m) reject(new Error(`the embedded database in ${dir ?? 'memory'} could not open: ${m.failed}`));
    });
    worker.once('error', reject);
  });
}

export async function openPglite(dir: string | undefined): Promise<Db> {
  if (dir) {
    await mkdir(dir, { recursive: true });
    // A new data dir is created in a throwaway thread, whose memory (initdb's) goes when it ends.
    if (!existsSync(path.join(dir, 'PG_VERSION'))) await (await startWorker(dir, true)).terminate();
  }
  const worker = await startWorker(dir, false);
  const pending = new Map<number, { resolve: (m: WorkerResponse) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let dead: Error | undefined;

  let onClosed = () => {};
  worker.on('message', (m: WorkerResponse) => {
    if ('closed' in m) return onClosed();
    if (!('id' in m)) return;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if ('error' in m) p.reject(new Error(m.error));
    else p.resolve(m);
  });
  const failAll = (err: Error) => {
    dead = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the embedded database worker exited (${code})`)));

  const send = (req: Request) =>
    new Promise<WorkerResponse>((resolve, reject) => {
      if (dead) return reject(dead);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...req, id } as WorkerRequest);
    });
  const rowsOf = <R>(m: WorkerResponse) => ('rows' in m ? (m.rows as R[]) : []);
  const on = (tx: number | undefined): Queryable => ({
    query: async <R extends object>(sql: string, params?: readonly unknown[]) =>
      rowsOf<R>(await send({ op: 'query', sql, params: params as unknown[] | undefined, ...(tx !== undefined ? { tx } : {}) })),
    exec: async (sql: string) => void (await send({ op: 'exec', sql, ...(tx !== undefined ? { tx } : {}) })),
  });

  return {
    engine: 'pglite',
    ...on(undefined),
    tx: async <T>(fn: (q: Queryable) => Promise<T>): Promise<T> => {
      const begun = await send({ op: 'begin' });
      const tx = 'tx' in begun ? begun.tx : -1;
      let result: T;
      try {
        result = await fn(on(tx));
      } catch (err) {
        await send({ op: 'rollback', tx }).catch(() => {});
        throw err;
      }
      await send({ op: 'commit', tx });
      return result;
    },
    close: async () => {
      if (dead) return;
      const closed = new Promise<void>((resolve) => (onClosed = resolve));
      worker.postMessage('close');
      await Promise.race([closed, new Promise((r) => setTimeout(r, 5000))]);
      await worker.terminate();
    },
  };
}
