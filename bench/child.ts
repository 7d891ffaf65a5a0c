import { fork, type ChildProcess } from 'node:child_process';

/** A forked benchmark role that answers requests over IPC, one at a time. */
export class Role<Req extends { type: string }, Res = unknown> {
  private readonly proc: ChildProcess;
  private waiting: Array<{ resolve: (r: Res) => void; reject: (e: Error) => void }> = [];

  constructor(role: string) {
    this.proc = fork(new URL('./role-entry.mjs', import.meta.url), [role], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.proc.on('message', (m) => this.waiting.shift()?.resolve(m as Res));
    this.proc.on('exit', (code) => {
      for (const w of this.waiting.splice(0)) w.reject(new Error(`bench role exited (${code})`));
    });
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  ask<R = Res>(req: Req): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ resolve: resolve as unknown as (r: Res) => void, reject });
      this.proc.send(req);
    });
  }

  kill(): void {
    this.proc.kill('SIGKILL');
  }
}

/** Serves requests in a role process. */
export function serve<Req extends { type: string }>(handler: (req: Req) => Promise<unknown> | unknown): void {
  process.on('message', async (req: Req) => {
    process.send?.(await handler(req));
  });
}
