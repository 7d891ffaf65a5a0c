import { describe, expect, it } from 'vitest';
import { checkFiles, type FoundFile } from './custody-files';
import { EMPTY_HEAD, nextEntry, verifyChain, type CustodyEntry, type CustodyFields, type CustodySigner, type CustodyVerifier } from './custody';
import { fileName } from './evidence';

// Pure stand-ins for SHA-256 and ed25519 (app/ has no crypto): a 64-hex text hash, and a "signature"
// that only the holder of `secret` can make. The real ones are tested in streams/evidence.
function hex64(text: string): string {
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}
const fakeSig = (secret: string, text: string) => btoa(hex64(secret + text).slice(0, 64).replace(/../g, (b) => String.fromCharCode(parseInt(b, 16))).repeat(2));

const signer = (secret: string, key: string): CustodySigner => ({ key, sha256: hex64, sign: (t) => fakeSig(secret, t) });
const verifier = (secret: string, key: string): CustodyVerifier => ({ key, sha256: hex64, verify: (t, s) => fakeSig(secret, t) === s });

const KEY = 'a1b2c3d4e5f60718';
const ID = 'ev-20260314101530-0badcafe';
const FRAME = 'f'.repeat(64);
const CLIP = 'c'.repeat(64);

function log(fields: CustodyFields[], s = signer('hall', KEY)): { lines: string[]; entries: CustodyEntry[] } {
  let head = EMPTY_HEAD;
  const lines: string[] = [];
  const entries: CustodyEntry[] = [];
  for (const f of fields) {
    const n = nextEntry(head, f, s);
    head = n.head;
    lines.push(n.line);
    entries.push(n.entry);
  }
  return { lines, entries };
}

const ev = (action: CustodyFields['action'], sha256 = FRAME, file: CustodyFields['file'] = 'frame', at = 1000): CustodyFields => ({ at, evidenceId: ID, action, by: { role: 'operator', id: 'console-1' }, surface: 'console', sha256, file });
const FIVE = [ev('captured'), ev('viewed'), ev('captured', CLIP, 'clip'), ev('viewed', CLIP, 'clip'), { ...ev('case-linked'), caseId: 'c-1' }];

describe('the custody chain', () => {
  it('chains entries by the hash of the line before and verifies an untouched log', () => {
    const { lines, entries } = log(FIVE);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entries[0]?.prev).toBe('0'.repeat(64));
    expect(entries[1]?.prev).toBe(hex64(lines[0] as string));
    const check = verifyChain([...lines, ''], verifier('hall', KEY));
    expect(check.problems).toEqual([]);
    expect(check.entries).toHaveLength(5);
    expect(check.head.seq).toBe(5);
  });

  it('finds an edited entry: its signature fails and the next entry no longer follows it', () => {
    const { lines } = log(FIVE);
    lines[1] = (lines[1] as string).replace('"viewed"', '"exported"');
    const problems = verifyChain(lines, verifier('hall', KEY)).problems;
    expect(problems.map((p) => [p.line, p.kind])).toEqual([
      [2, 'bad-signature'],
      [3, 'broken-link'],
    ]);
  });

  it('finds a removed, a reordered and a re-signed-by-another-key entry', () => {
    const { lines } = log(FIVE);
    const removed = verifyChain([lines[0], lines[1], lines[3], lines[4]] as string[], verifier('hall', KEY)).problems;
    expect(removed.map((p) => p.kind)).toEqual(['sequence', 'broken-link']);
    expect(removed[0]?.message).toMatch(/#3 are missing/);
    const swapped = verifyChain([lines[0], lines[2], lines[1], lines[3], lines[4]] as string[], verifier('hall', KEY)).problems;
    expect(swapped.map((p) => [p.line, p.kind])).toEqual([[2, 'sequence'], [2, 'broken-link'], [3, 'sequence'], [3, 'broken-link'], [4, 'sequence'], [4, 'broken-link']]);
    const forged = log(FIVE, signer('thief', 'ffffffffffffffff')).lines;
    expect(verifyChain(forged, verifier('hall', KEY)).problems.every((p) => p.kind === 'other-key')).toBe(true);
    const sameKeyWrongSecret = log(FIVE, signer('thief', KEY)).lines;
    expect(verifyChain(sameKeyWrongSecret, verifier('hall', KEY)).problems.map((p) => p.kind)).toEqual(Array(5).fill('bad-signature'));
  });

  it('reports a torn or foreign line and keeps checking after it', () => {
    const { lines } = log(FIVE.slice(0, 2));
    const torn = verifyChain([lines[0] as string, '{"seq":2,"at":', lines[1] as string], verifier('hall', KEY));
    expect(torn.problems.map((p) => [p.line, p.kind])).toEqual([[2, 'unreadable']]);
    const extra = JSON.stringify({ ...JSON.parse(lines[1] as string), note: 'x' });
    expect(verifyChain([lines[0] as string, extra], verifier('hall', KEY)).problems[0]?.kind).toBe('unreadable');
  });
});

describe('files against custody', () => {
  const { entries } = log(FIVE);
  const frame: FoundFile = { evidenceId: ID, name: fileName('frame', FRAME, 'png'), actual: FRAME };
  const clip: FoundFile = { evidenceId: ID, name: fileName('clip', CLIP, 'mp4'), actual: CLIP };

  it('accepts files that hold what their names and entries say', () => {
    expect(checkFiles([frame, clip], entries)).toEqual([]);
    expect(checkFiles([frame, clip], entries, ID)).toEqual([]);
  });

  it('names a changed, an unlogged, a missing and a stray file', () => {
    expect(checkFiles([{ ...frame, actual: '0'.repeat(64) }, clip], entries).map((p) => p.kind)).toEqual(['changed']);
    const other = 'e'.repeat(64);
    const unlogged = checkFiles([frame, clip, { evidenceId: ID, name: fileName('export', other, 'png'), actual: other }], entries);
    expect(unlogged.map((p) => [p.kind, p.name])).toEqual([['unlogged', fileName('export', other, 'png')]]);
    expect(checkFiles([frame], entries).map((p) => p.kind)).toEqual(['missing']);
    expect(checkFiles([frame, clip, { evidenceId: ID, name: 'notes.txt', actual: other }], entries).map((p) => p.kind)).toEqual(['stray']);
  });

  it('names an entry about a file never recorded, and an id that does not exist', () => {
    const { entries: orphan } = log([ev('viewed')]);
    expect(checkFiles([], orphan).map((p) => p.kind)).toEqual(['dangling']);
    expect(checkFiles([frame, clip], entries, 'ev-20260101000000-00000000').map((p) => p.kind)).toEqual(['missing']);
  });
});
