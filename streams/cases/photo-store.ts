import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

export const DEFAULT_MAX_PHOTO_BYTES = 5 * 1024 * 1024;

const sizeText = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

/** A photo larger than the store takes (a 413 for the caller). */
export class PhotoTooLargeError extends Error {
  override name = 'PhotoTooLargeError';
  constructor(
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`the photo is ${sizeText(size)}; photos may be at most ${sizeText(maxBytes)}: send it smaller.`);
  }
}

export interface StoredPhoto {
  /** Hex SHA-256 of the bytes: the photo's name everywhere (a case's `photos`). */
  hash: string;
  size: number;
  /** false: the same bytes were stored already, and were left as they were. */
  created: boolean;
}

const HASH = /^[0-9a-f]{64}$/;

async function fsyncPath(p: string, flags: number): Promise<void> {
  const h = await open(p, flags);
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/**
 * Photos stored by content under `<dataDir>/photos/<hash[0:2]>/<hash>`, so a photo sent twice (a terminal's
 * retry, one photo on two cases) is kept once. A file appears complete or not at all: the bytes go to a temp
 * file, are fsynced, then hard-linked into place. A link, unlike a rename, never replaces an existing file,
 * so a stored photo is never rewritten, even by two writers at once.
 */
export class PhotoStore {
  readonly dir: string;
  readonly maxBytes: number;

  constructor(dataDir: string, opts: { maxBytes?: number } = {}) {
    this.dir = path.join(dataDir, 'photos');
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_PHOTO_BYTES;
  }

  /** Where a photo's bytes are (whether or not it is stored). Throws for anything but a SHA-256 hex digest. */
  pathOf(hash: string): string {
    if (!HASH.test(hash)) throw new RangeError(`"${hash}" is not a photo hash (64 lowercase hex digits).`);
    return path.join(this.dir, hash.slice(0, 2), hash);
  }

  async has(hash: string): Promise<boolean> {
    if (!HASH.test(hash)) return false;
    return stat(this.pathOf(hash)).then(
      () => true,
      () => false,
    );
  }

  /** The photo's bytes; undefined when it is not stored. */
  async read(hash: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.pathOf(hash));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async put(bytes: Uint8Array): Promise<StoredPhoto> {
    if (bytes.byteLength > this.maxBytes) throw new PhotoTooLargeError(bytes.byteLength, this.maxBytes);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const final = this.pathOf(hash);
    const stored: StoredPhoto = { hash, size: bytes.byteLength, created: false };
    if (await this.has(hash)) return stored;

    const shard = path.dirname(final);
    await mkdir(shard, { recursive: true });
    const tmp = path.join(shard, `.tmp-${randomBytes(8).toString('hex')}`);
    const h = await open(tmp, 'wx');
    try {
      await h.writeFile(bytes);
      await h.sync();
    } finally {
      await h.close();
    }
    try {
      await link(tmp, final);
      stored.created = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      await unlink(tmp).catch(() => {});
    }
    // The new name must survive a power cut too: sync the directory entry (not possible on Windows).
    if (stored.created && process.platform !== 'win32') await fsyncPath(shard, constants.O_RDONLY);
    return stored;
  }
}
