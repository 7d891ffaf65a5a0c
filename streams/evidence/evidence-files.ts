import { createHash, randomBytes } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { chmod, mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { EVIDENCE_ID, fileName, type EvidenceFile } from '../../app/evidence/evidence';

/** The disk (or the user's quota) is full: capture is refused with a clear message (a 507). */
export class DiskFullError extends Error {
  override name = 'DiskFullError';
}

export const isDiskFull = (err: unknown): boolean => {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || err instanceof DiskFullError;
};

/** Where bytes become files. Injected in tests (a full disk); the default is durable. */
export interface DurableWriter {
  /** Writes `bytes` to dir/name: a temp file beside it, fsync, rename, fsync of the directory. */
  write(dir: string, name: string, bytes: Uint8Array): Promise<void>;
  /** Moves a finished file (ffmpeg's output in the work dir, same file system) to dir/name, as durably. */
  adopt(dir: string, name: string, from: string): Promise<void>;
}

async function syncPath(p: string, flags: number): Promise<void> {
  const h = await open(p, flags);
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/** A directory's entries survive a power cut only once the directory itself is synced (not on Windows). */
export const syncDir = (dir: string) => (process.platform === 'win32' ? Promise.resolve() : syncPath(dir, constants.O_RDONLY));

/** The files are made read-only (0444): a guard against accidents; custody and `verify` catch the rest. */
export const fsWriter: DurableWriter = {
  async write(dir, name, bytes) {
    const tmp = path.join(dir, `.tmp-${randomBytes(6).toString('hex')}`);
    const h = await open(tmp, 'wx', 0o444);
    try {
      await h.writeFile(bytes);
      await h.sync();
    } catch (err) {
      await h.close();
      await unlink(tmp).catch(() => {});
      throw err;
    }
    await h.close();
    await rename(tmp, path.join(dir, name));
    await syncDir(dir);
  },
  async adopt(dir, name, from) {
    await chmod(from, 0o444);
    await syncPath(from, constants.O_RDONLY);
    await rename(from, path.join(dir, name));
    await syncDir(dir);
  },
};

export async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export const sha256Of = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * The evidence folder: `<data>/evidence/items/<id>/<file>.<sha256>.<ext>` (the frame, the clip and
 * watermarked exports side by side, each named by its SHA-256 and never rewritten), `work/<id>/` for
 * segments held for a clip being cut, `tmp/` for a request's scratch files, and `custody.log`.
 */
export class EvidenceFiles {
  readonly root: string;
  readonly logPath: string;

  constructor(
    dataDir: string,
    private readonly writer: DurableWriter = fsWriter,
  ) {
    this.root = path.join(dataDir, 'evidence');
    this.logPath = path.join(this.root, 'custody.log');
  }

  itemDir(id: string): string {
    if (!EVIDENCE_ID.test(id)) throw new RangeError(`"${id}" is not an evidence id`);
    return path.join(this.root, 'items', id);
  }

  workDir(id: string): string {
    if (!EVIDENCE_ID.test(id)) throw new RangeError(`"${id}" is not an evidence id`);
    return path.join(this.root, 'work', id);
  }

  /** Short-lived files of one request (a watermark's text, a mask): apart from the clips' work dirs, which a finished clip removes. */
  get tmpDir(): string {
    return path.join(this.root, 'tmp');
  }

  pathOf(id: string, name: string): string {
    return path.join(this.itemDir(id), name);
  }

  /** Stores bytes as the item's `file`; returns its SHA-256 and name. Throws DiskFullError on a full disk. */
  async put(id: string, file: EvidenceFile, ext: 'png' | 'jpg' | 'mp4', bytes: Uint8Array): Promise<{ sha256: string; name: string }> {
    const sha256 = sha256Of(bytes);
    const name = fileName(file, sha256, ext);
    await this.guard(async () => {
      const dir = await this.ensureItem(id);
      await this.writer.write(dir, name, bytes);
    });
    return { sha256, name };
  }

  /** Takes over a file ffmpeg wrote in the item's work dir. */
  async adopt(id: string, file: EvidenceFile, ext: 'png' | 'jpg' | 'mp4', from: string): Promise<{ sha256: string; name: string }> {
    const sha256 = await sha256File(from);
    const name = fileName(file, sha256, ext);
    await this.guard(async () => {
      const dir = await this.ensureItem(id);
      await this.writer.adopt(dir, name, from);
    });
    return { sha256, name };
  }

  async read(id: string, name: string): Promise<Buffer> {
    return readFile(this.pathOf(id, name));
  }

  async size(id: string, name: string): Promise<number> {
    return (await stat(this.pathOf(id, name))).size;
  }

  /** Every file of every item (or of one), for `verify`. */
  async list(only?: string): Promise<Array<{ evidenceId: string; name: string; path: string }>> {
    const items = path.join(this.root, 'items');
    const ids = only ? [only] : await readdir(items).catch(() => [] as string[]);
    const out: Array<{ evidenceId: string; name: string; path: string }> = [];
    for (const id of ids.sort()) {
      const dir = path.join(items, id);
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names.sort()) out.push({ evidenceId: id, name, path: path.join(dir, name) });
    }
    return out;
  }

  private async ensureItem(id: string): Promise<string> {
    const dir = this.itemDir(id);
    const made = await mkdir(dir, { recursive: true });
    // The new folders' names, too, must survive a crash: sync the parent of each one made.
    if (made) for (let d = dir; d.length >= made.length; d = path.dirname(d)) await syncDir(path.dirname(d));
    return dir;
  }

  private async guard(fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      if (isDiskFull(err)) throw new DiskFullError(`the evidence disk is full (${path.dirname(this.root)}): nothing was stored. Free space or move old evidence off the hall; live video is not affected.`, { cause: err });
      throw err;
    }
  }
}
