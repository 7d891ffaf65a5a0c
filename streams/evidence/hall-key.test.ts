import { mkdtemp, readdir, readFile, rm, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyPaths, loadOrCreateHallKey, loadPublicKey, verifierFor } from './hall-key';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gridwall-key-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('the hall’s signing key', () => {
  it('is made once, owner-only, with its public half beside it, and signs what verifies', async () => {
    const first = await loadOrCreateHallKey(dir);
    expect(first.created).toBe(true);
    expect((await stat(keyPaths(dir).private)).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateHallKey(dir);
    expect(again.created).toBe(false);
    expect(again.signer.key).toBe(first.signer.key);
    const sig = first.signer.sign('entry');
    const pub = verifierFor((await loadPublicKey(dir)).key);
    expect(pub.key).toBe(first.signer.key);
    expect(pub.verify('entry', sig)).toBe(true);
    expect(pub.verify('entry!', sig)).toBe(false);
    expect(pub.verify('entry', 'not base64 at all')).toBe(false);
  });

  it('keeps a lost key’s public half aside when a new key is made', async () => {
    const old = (await loadOrCreateHallKey(dir)).signer.key;
    const oldPem = await readFile(keyPaths(dir).public, 'utf8');
    await unlink(keyPaths(dir).private);
    const fresh = await loadOrCreateHallKey(dir);
    expect(fresh).toMatchObject({ created: true, replaced: old });
    expect(fresh.signer.key).not.toBe(old);
    expect(await readFile(path.join(dir, 'keys', `hall-ed25519.${old}.pub.pem`), 'utf8')).toBe(oldPem);
    expect((await readdir(path.join(dir, 'keys'))).sort()).toEqual([`hall-ed25519.${old}.pub.pem`, 'hall-ed25519.pem', 'hall-ed25519.pub.pem']);
  });
});
