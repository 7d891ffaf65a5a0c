import { createReadStream } from 'node:fs';
import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { CustodyEntry, EMPTY_HEAD, nextEntry, type ChainHead, type CustodyFields, type CustodySigner } from '../../app/evidence/custody';
import Value from 'typebox/value';
import { isDiskFull, DiskFullError } from './evidence-files';

const TAIL_BYTES = 64 * 1024;

function parseEntry(line: string): CustodyEntry | undefined {
  try {
    const v: unknown = JSON.parse(line);
    return Value.Check(CustodyEntry, v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Every line of a log file, streamed (logs grow for years). */
export async function* logLines(file: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

/**
 * The append-only custody log (`<data>/evidence/custody.log`, JSON lines; app/evidence/custody.ts says
 * what a line holds). Appends are serialised in this process and fsynced before they resolve, so an
 * entry that was answered for is on disk. The hall never rewrites or truncates the file: a line cut
 * short by a crash stays, is reported by `verify`, and the chain continues from the last whole entry.
 */
export class CustodyLog {
  private head: ChainHead | undefined;
  private handle: FileHandle | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly signer: CustodySigner,
  ) {}

  get key(): string {
    return this.signer.key;
  }

  /** Appends one entry (seq, prev, key and signature added here) and returns it with its line. */
  append(fields: CustodyFields): Promise<{ entry: CustodyEntry; line: string }> {
    const run = this.queue.then(() => this.write(fields));
    this.queue = run.catch(() => {});
    return run;
  }

  /** The last entry's seq (0 for an empty log). */
  async lastSeq(): Promise<number> {
    await this.queue;
    return (await this.open()).seq;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.handle?.close();
    this.handle = undefined;
  }

  private async write(fields: CustodyFields): Promise<{ entry: CustodyEntry; line: string }> {
    const head = await this.open();
    const next = nextEntry(head, fields, this.signer);
    try {
      const h = this.handle as FileHandle;
      await h.write(`${next.line}\n`);
      await h.datasync();
    } catch (err) {
      if (isDiskFull(err)) throw new DiskFullError('the evidence disk is full: the custody log cannot grow, so nothing more is captured, viewed or exported until space is freed.', { cause: err });
      throw err;
    }
    this.head = next.head;
    return { entry: next.entry, line: next.line };
  }

  /** Opens the file for appending and finds the chain's head from its last whole entry. */
  private async open(): Promise<ChainHead> {
    if (this.head && this.handle) return this.head;
    await mkdir(path.dirname(this.file), { recursive: true });
    const h = await open(this.file, 'a+', 0o640);
    const size = (await stat(this.file)).size;
    let head = EMPTY_HEAD;
    if (size > 0) {
      const from = Math.max(0, size - TAIL_BYTES);
      const buf = Buffer.alloc(size - from);
      await h.read(buf, 0, buf.length, from);
      const text = buf.toString('utf8');
      if (!text.endsWith('\n')) await h.write('\n'); // a torn last line stays as it is; the next entry starts on its own line
      head = lastWhole(text.split('\n'), this.signer) ?? (await this.scan());
    }
    this.handle = h;
    this.head = head;
    return head;
  }

  /** The whole file, when its tail holds no whole entry (a long run of damage). */
  private async scan(): Promise<ChainHead> {
    const lines: string[] = [];
    for await (const l of logLines(this.file)) lines.push(l);
    return lastWhole(lines, this.signer) ?? EMPTY_HEAD;
  }
}

function lastWhole(lines: readonly string[], s: CustodySigner): ChainHead | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] as string;
    const e = line ? parseEntry(line) : undefined;
    if (e) return { seq: e.seq, hash: s.sha256(line) };
  }
  return undefined;
}

export { parseEntry as parseCustodyLine };
