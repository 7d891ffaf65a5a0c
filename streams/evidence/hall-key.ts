import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CustodySigner, CustodyVerifier } from '../../app/evidence/custody';

export const KEY_FILE = 'hall-ed25519.pem';
export const PUBLIC_KEY_FILE = 'hall-ed25519.pub.pem';

export const keyPaths = (dataDir: string) => ({ dir: path.join(dataDir, 'keys'), private: path.join(dataDir, 'keys', KEY_FILE), public: path.join(dataDir, 'keys', PUBLIC_KEY_FILE) });

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** First 16 hex digits of SHA-256 over the key's SPKI DER: what custody entries and `verify` name it by. */
export function fingerprint(pub: KeyObject): string {
  return createHash('sha256').update(pub.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

const notFound = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * The hall's signing key (ed25519): made on first use at `<data>/keys/hall-ed25519.pem` (owner-only,
 * 0600), its public half beside it (`hall-ed25519.pub.pem`) for anyone who verifies. Keep a copy of the
 * public key elsewhere: `gridwall evidence verify --public-key` then proves the log was signed by this
 * hall, not re-signed by whoever could write its data dir.
 */
export async function loadOrCreateHallKey(dataDir: string): Promise<{ signer: CustodySigner; verifier: CustodyVerifier; created: boolean; replaced?: string }> {
  const p = keyPaths(dataDir);
  let priv: KeyObject;
  let created = false;
  try {
    priv = createPrivateKey(await readFile(p.private, 'utf8'));
  } catch (err) {
    if (!notFound(err)) throw new Error(`the hall's key ${p.private} cannot be read (${(err as Error).message}): restore it from a backup; a new key would not match the custody log.`, { cause: err });
    await mkdir(p.dir, { recursive: true, mode: 0o700 });
    const pair = generateKeyPairSync('ed25519');
    try {
      // 'wx': two starts at once never overwrite each other's key; the loser reads the winner's.
      await writeFile(p.private, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
      priv = pair.privateKey;
      created = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      priv = createPrivateKey(await readFile(p.private, 'utf8'));
    }
  }
  await chmod(p.private, 0o600).catch(() => {});
  const pub = createPublicKey(priv);
  const pem = pub.export({ type: 'spki', format: 'pem' }).toString();
  const stored = await readFile(p.public, 'utf8').catch((err: unknown) => (notFound(err) ? undefined : Promise.reject(err)));
  let replaced: string | undefined;
  if (stored !== pem) {
    // A public key of another private key (the old one was lost): kept aside, never overwritten, since the
    // entries it signed can only be checked with it.
    if (stored) {
      replaced = fingerprint(createPublicKey(stored));
      await rename(p.public, path.join(p.dir, `hall-ed25519.${replaced}.pub.pem`));
    }
    await writeFile(p.public, pem, { mode: 0o644 });
  }
  const key = fingerprint(pub);
  return {
    ...(replaced ? { replaced } : {}),
    signer: { key, sha256, sign: (text) => sign(null, Buffer.from(text, 'utf8'), priv).toString('base64') },
    verifier: verifierFor(pub),
    created,
  };
}

export function verifierFor(pub: KeyObject): CustodyVerifier {
  return {
    key: fingerprint(pub),
    sha256,
    verify: (text, sig) => {
      try {
        return verify(null, Buffer.from(text, 'utf8'), pub, Buffer.from(sig, 'base64'));
      } catch {
        return false;
      }
    },
  };
}

/** The public key `verify` checks against: a given PEM file, else the one beside the hall's key. */
export async function loadPublicKey(dataDir: string, file?: string): Promise<{ key: KeyObject; file: string }> {
  const f = file ?? keyPaths(dataDir).public;
  const key = createPublicKey(await readFile(f, 'utf8'));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${f} is not an ed25519 public key`);
  return { key, file: f };
}
