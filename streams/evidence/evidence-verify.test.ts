// `gridwall evidence verify`: intact evidence passes; a changed byte, an edited, removed or moved custody
// line, a missing file or another key fails and is named.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { chmod, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../hall/test-hall';
import { engines, startEvidenceHall, type EvidenceHall } from './evidence-fixture';
import { verifyEvidence } from './evidence-verify';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function cli(...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'bin', 'gridwall.mjs'), 'evidence', 'verify', ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 99) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

let h: EvidenceHall;
let data: string;
let logFile: string;
const ids: string[] = [];

/** Runs `fn` on a file, then puts its bytes (and mode) back. */
async function tampered(file: string, change: (b: Buffer) => Buffer, check: () => Promise<void>): Promise<void> {
  const original = await readFile(file);
  const mode = (await stat(file)).mode & 0o777;
  await chmod(file, 0o644);
  await writeFile(file, change(Buffer.from(original)));
  try {
    await check();
  } finally {
    await writeFile(file, original);
    await chmod(file, mode);
  }
}

beforeAll(async () => {
  h = await startEvidenceHall(engines()[0] as ReturnType<typeof engines>[number], 8);
  data = h.t.dataDir;
  logFile = path.join(data, 'evidence', 'custody.log');
  const t0 = h.dvr.segments[0]?.start ?? 0;
  for (const off of [1_000, 4_500]) ids.push(((await (await h.capture({ cameraId: 'cam-1', streamTime: t0 + off })).json()) as { id: string }).id);
  for (const id of ids) await waitUntil(async () => ((await (await h.t.api(`/api/evidence/${id}`, { role: 'leader' })).json()) as { clip: { state: string } }).clip.state === 'ready', 30_000, 'clips');
  await h.t.api(`/api/evidence/${ids[0]}/frame`, { role: 'leader' });
  await h.t.api(`/api/evidence/${ids[1]}/export`, { role: 'leader' });
}, 180_000);
afterAll(async () => h?.close());

describe('evidence verify', () => {
  it('passes intact evidence, from the CLI too (exit 0)', async () => {
    const r = await verifyEvidence(data);
    expect(r).toMatchObject({ ok: true, problems: [], items: 2, files: 5, entries: 6 });
    expect(r.key).toMatch(/^[0-9a-f]{16}$/);
    expect((await stat(path.join(data, 'keys', 'hall-ed25519.pem'))).mode & 0o777).toBe(0o600);
    const run = await cli(ids[0] ?? '', '--data', data);
    expect(run.out).toMatch(/OK: evidence ev-/);
    expect(run.code).toBe(0);
  }, 90_000);

  it('names a stored frame with one changed byte, and the CLI exits non-zero', async () => {
    const dir = path.join(data, 'evidence', 'items', ids[0] ?? '');
    const frame = (await readdir(dir)).find((n) => n.startsWith('frame.')) ?? '';
    await tampered(
      path.join(dir, frame),
      (b) => {
        b[b.length >> 1] = (b[b.length >> 1] ?? 0) ^ 0x01;
        return b;
      },
      async () => {
        const r = await verifyEvidence(data);
        expect(r.ok).toBe(false);
        expect(r.problems).toEqual([expect.stringMatching(new RegExp(`${ids[0]}/${frame.replace(/\./g, '\\.')}: the file changed`))]);
        const run = await cli('--data', data);
        expect(run.code).toBe(1);
        expect(run.out).toContain(frame);
      },
    );
    expect((await verifyEvidence(data)).ok).toBe(true);
  }, 90_000);

  it('finds an edited, a removed and a moved custody line', async () => {
    const edit = (fn: (lines: string[]) => string[]) => (b: Buffer) => Buffer.from(fn(b.toString('utf8').split('\n')).join('\n'));
    await tampered(logFile, edit((l) => l.map((x, i) => (i === 2 ? x.replace('"surface":"', '"surface":"x') : x))), async () => {
      const r = await verifyEvidence(data);
      expect(r.problems.some((p) => /line 3 .*signature does not match/.test(p))).toBe(true);
      expect(r.problems.some((p) => /line 4 .*"prev" is not the hash/.test(p))).toBe(true);
      expect((await cli('--data', data)).code).toBe(1);
    });
    await tampered(logFile, edit((l) => l.filter((_x, i) => i !== 1)), async () => {
      const r = await verifyEvidence(data);
      expect(r.problems.some((p) => /#2 are missing/.test(p))).toBe(true);
    });
    await tampered(logFile, edit((l) => [l[1], l[0], ...l.slice(2)] as string[]), async () => {
      expect((await verifyEvidence(data)).problems.some((p) => /reordered/.test(p))).toBe(true);
    });
    expect((await verifyEvidence(data)).ok).toBe(true);
  }, 90_000);

  it('finds a removed file, an unknown id, and signatures checked against another key', async () => {
    const dir = path.join(data, 'evidence', 'items', ids[1] ?? '');
    const clip = (await readdir(dir)).find((n) => n.startsWith('clip.')) ?? '';
    await rename(path.join(dir, clip), path.join(data, 'moved.mp4'));
    try {
      expect((await verifyEvidence(data, { id: ids[1] ?? '' })).problems).toEqual([expect.stringMatching(/the clip custody entry #\d+ records .* is not on disk/)]);
    } finally {
      await rename(path.join(data, 'moved.mp4'), path.join(dir, clip));
    }
    expect((await verifyEvidence(data, { id: 'ev-20260101000000-00000000' })).problems).toEqual([expect.stringMatching(/no such evidence/)]);
    const other = path.join(data, 'other.pub.pem');
    await writeFile(other, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    const r = await verifyEvidence(data, { publicKey: other });
    expect(r.problems).toHaveLength(6);
    expect(r.problems.every((p) => /signed by key [0-9a-f]{16}, not this hall's key/.test(p))).toBe(true);
  }, 60_000);
});
