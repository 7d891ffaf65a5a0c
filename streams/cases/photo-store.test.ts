import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_PHOTO_BYTES, PhotoStore, PhotoTooLargeError } from './photo-store';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'gridwall-photos-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('PhotoStore', () => {
  it('stores bytes under their SHA-256, sharded by the first two hex digits', async () => {
    const store = new PhotoStore(dataDir);
    const bytes = Buffer.from('a jpeg, honestly');
    const put = await store.put(bytes);
    expect(put).toEqual({ hash: sha256(bytes), size: bytes.length, created: true });
    const file = path.join(dataDir, 'photos', put.hash.slice(0, 2), put.hash);
    expect(store.pathOf(put.hash)).toBe(file);
    expect(await readFile(file)).toEqual(bytes);
    expect(await store.has(put.hash)).toBe(true);
    expect(await store.read(put.hash)).toEqual(bytes);
    // No temp file is left behind.
    expect(await readdir(path.dirname(file))).toEqual([put.hash]);
  });

  it('keeps the same photo once, and never overwrites a stored hash', async () => {
    const store = new PhotoStore(dataDir);
    const bytes = Buffer.from('the same photo twice');
    const first = await store.put(bytes);
    // Whatever is at a hash stays as it is: a second put of the same bytes does not touch it.
    await writeFile(store.pathOf(first.hash), 'sentinel');
    const again = await store.put(bytes);
    expect(again).toEqual({ ...first, created: false });
    expect(await readFile(store.pathOf(first.hash), 'utf8')).toBe('sentinel');
  });

  it('stores one file when the same photo arrives twice at once', async () => {
    const store = new PhotoStore(dataDir);
    const bytes = Buffer.from('raced photo');
    const results = await Promise.all([store.put(bytes), store.put(bytes), store.put(bytes)]);
    expect(new Set(results.map((r) => r.hash)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const hash = sha256(bytes);
    expect(await readdir(path.dirname(store.pathOf(hash)))).toEqual([hash]);
  });

  it('refuses a photo over the size limit with a clear error, writing nothing', async () => {
    expect(new PhotoStore(dataDir).maxBytes).toBe(DEFAULT_MAX_PHOTO_BYTES);
    const store = new PhotoStore(dataDir, { maxBytes: 1024 });
    const big = Buffer.alloc(1025, 7);
    await expect(store.put(big)).rejects.toBeInstanceOf(PhotoTooLargeError);
    await expect(store.put(big)).rejects.toThrow('the photo is 2 KB; photos may be at most 1 KB: send it smaller.');
    expect(await store.has(sha256(big))).toBe(false);
    expect((await store.put(Buffer.alloc(1024, 7))).created).toBe(true); // the limit itself is allowed
  });

  it('knows only hashes: a path cannot escape the store', async () => {
    const store = new PhotoStore(dataDir);
    expect(() => store.pathOf('../../etc/passwd')).toThrow(RangeError);
    expect(() => store.pathOf('ABC')).toThrow(RangeError);
    expect(await store.read('0'.repeat(64))).toBeUndefined();
  });
});
