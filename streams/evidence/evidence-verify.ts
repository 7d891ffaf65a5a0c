import { stat } from 'node:fs/promises';
import { checkFiles, type FoundFile } from '../../app/evidence/custody-files';
import { verifyChain } from '../../app/evidence/custody';
import { EVIDENCE_ID } from '../../app/evidence/evidence';
import { logLines } from './custody-log';
import { EvidenceFiles, sha256File } from './evidence-files';
import { loadPublicKey, verifierFor } from './hall-key';

export interface VerifyReport {
  /** True when nothing is wrong. */
  ok: boolean;
  /** One sentence per problem: which file or line, and what is wrong with it. */
  problems: string[];
  files: number;
  items: number;
  entries: number;
  /** Fingerprint of the public key the signatures were checked with, and where it came from. */
  key?: string;
  keyFile?: string;
}

const exists = (p: string) => stat(p).then(
  () => true,
  () => false,
);

/**
 * Checks the evidence under `<data>/evidence`: every file's SHA-256 against its name and the custody
 * entries, the hash chain of the custody log and every signature (app/evidence/custody*.ts). `id` limits
 * the file checks to one item; the chain is always checked whole, since every entry vouches for the one
 * before it. Reads only: the hall may keep running.
 */
export async function verifyEvidence(dataDir: string, opts: { id?: string; publicKey?: string } = {}): Promise<VerifyReport> {
  const files = new EvidenceFiles(dataDir);
  const problems: string[] = [];
  if (opts.id !== undefined && !EVIDENCE_ID.test(opts.id)) return { ok: false, problems: [`"${opts.id}" is not an evidence id (ev-<14 digits>-<8 hex>)`], files: 0, items: 0, entries: 0 };
  const hasLog = await exists(files.logPath);
  let key: Awaited<ReturnType<typeof loadPublicKey>> | undefined;
  try {
    key = await loadPublicKey(dataDir, opts.publicKey);
  } catch (err) {
    if (hasLog || opts.publicKey) problems.push(`the public key cannot be read (${(err as Error).message}): signatures cannot be checked`);
  }

  const lines: string[] = [];
  if (hasLog) for await (const l of logLines(files.logPath)) lines.push(l);
  const verifier = key ? verifierFor(key.key) : { key: '—', sha256: () => '', verify: () => false };
  const chain = verifyChain(lines, verifier);
  // Without a key every signature would fail: say it once, above, rather than once per entry.
  problems.push(...chain.problems.filter((p) => key || (p.kind !== 'bad-signature' && p.kind !== 'other-key' && p.kind !== 'broken-link')).map((p) => `custody.log ${p.message}`));

  const found: FoundFile[] = [];
  for (const f of await files.list(opts.id)) found.push({ evidenceId: f.evidenceId, name: f.name, actual: await sha256File(f.path) });
  problems.push(...checkFiles(found, chain.entries.map((e) => e.entry), opts.id).map((p) => p.message));

  const items = new Set([...found.map((f) => f.evidenceId), ...chain.entries.filter((e) => opts.id === undefined || e.entry.evidenceId === opts.id).map((e) => e.entry.evidenceId)]);
  return {
    ok: problems.length === 0,
    problems,
    files: found.length,
    items: items.size,
    entries: chain.entries.length,
    ...(key ? { key: verifierFor(key.key).key, keyFile: key.file } : {}),
  };
}
