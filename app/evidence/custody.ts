import Type, { type Static } from 'typebox';
import Value from 'typebox/value';
import { EVIDENCE_FILES, EvidenceId, Sha256 } from './evidence';

/**
 * The chain of custody (证据保管链): one JSON line per thing that happened to an evidence file, each line
 * naming the hash of the line before it (`prev`) and signed (ed25519) by the hall's key over everything
 * but the signature. Editing, removing or moving a line breaks the next line's `prev`; forging one needs
 * the hall's private key. Hashing and signing are ports, so this file stays pure.
 */

export const CUSTODY_ACTIONS = ['captured', 'viewed', 'exported', 'case-linked'] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

/** `prev` of the first entry. */
export const GENESIS = '0'.repeat(64);

export const CustodyEntry = Type.Object(
  {
    seq: Type.Integer({ minimum: 1 }),
    at: Type.Number({ minimum: 0 }),
    evidenceId: EvidenceId,
    action: Type.Enum(CUSTODY_ACTIONS),
    /** The hall role and the credential's name (or id) that did it. */
    by: Type.Object({ role: Type.String({ maxLength: 32 }), id: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
    /** The surface (console, wall window, CLI) it was done from. */
    surface: Type.String({ maxLength: 64 }),
    /** SHA-256 of the file concerned, and which file of the item it is. */
    sha256: Sha256,
    file: Type.Enum(EVIDENCE_FILES),
    caseId: Type.Optional(Type.String({ maxLength: 64 })),
    /** Fingerprint of the public key that signs (first 16 hex digits of SHA-256 over its SPKI DER). */
    key: Type.String({ pattern: '^[0-9a-f]{16}$' }),
    prev: Sha256,
    /** ed25519 signature over `signedText(entry)`, base64. */
    sig: Type.String({ pattern: '^[A-Za-z0-9+/]{86}==$' }),
  },
  { additionalProperties: false },
);
export type CustodyEntry = Static<typeof CustodyEntry>;

/** What a caller states about an event; the chain adds seq, key, prev and sig. */
export type CustodyFields = Omit<CustodyEntry, 'seq' | 'key' | 'prev' | 'sig'>;

export interface CustodySigner {
  /** Hex SHA-256 of the UTF-8 text. */
  sha256(text: string): string;
  /** base64 ed25519 signature of the UTF-8 text. */
  sign(text: string): string;
  /** The signing key's fingerprint. */
  readonly key: string;
}

export interface CustodyVerifier {
  sha256(text: string): string;
  verify(text: string, sig: string): boolean;
  readonly key: string;
}

/** The end of the chain: the last entry's seq and the hash of its line. */
export interface ChainHead {
  seq: number;
  hash: string;
}

export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS };

/** The text a signature covers: the entry without `sig`, keys in one fixed order. */
export function signedText(e: Omit<CustodyEntry, 'sig'>): string {
  return JSON.stringify({
    seq: e.seq,
    at: e.at,
    evidenceId: e.evidenceId,
    action: e.action,
    by: { role: e.by.role, id: e.by.id },
    surface: e.surface,
    sha256: e.sha256,
    file: e.file,
    ...(e.caseId !== undefined ? { caseId: e.caseId } : {}),
    key: e.key,
    prev: e.prev,
  });
}

/** The line written to the log (without its newline): the signed text with `sig` last. */
export function entryLine(e: CustodyEntry): string {
  return `${signedText(e).slice(0, -1)},"sig":${JSON.stringify(e.sig)}}`;
}

/** The next entry after `head`, its line, and the new head. */
export function nextEntry(head: ChainHead, fields: CustodyFields, signer: CustodySigner): { entry: CustodyEntry; line: string; head: ChainHead } {
  const unsigned = { ...fields, seq: head.seq + 1, key: signer.key, prev: head.hash };
  const entry: CustodyEntry = { ...unsigned, sig: signer.sign(signedText(unsigned)) };
  const line = entryLine(entry);
  return { entry, line, head: { seq: entry.seq, hash: signer.sha256(line) } };
}

export interface CustodyProblem {
  /** 1-based line of the log. */
  line: number;
  seq?: number;
  kind: 'unreadable' | 'sequence' | 'broken-link' | 'bad-signature' | 'other-key';
  message: string;
}

export interface ChainCheck {
  /** Entries that parsed, with their line numbers (problems or not: the file checks use them). */
  entries: Array<{ line: number; entry: CustodyEntry }>;
  problems: CustodyProblem[];
  head: ChainHead;
}

/**
 * Checks every line of the log: it parses as an entry, its seq follows the previous entry's, its `prev`
 * is the hash of the previous entry's line, and its signature verifies under the hall's public key.
 */
export function verifyChain(lines: readonly string[], v: CustodyVerifier): ChainCheck {
  const entries: ChainCheck['entries'] = [];
  const problems: CustodyProblem[] = [];
  let head: ChainHead = EMPTY_HEAD;
  lines.forEach((text, i) => {
    const line = i + 1;
    if (text === '') return; // the newline after the last entry
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      problems.push({ line, kind: 'unreadable', message: `line ${line} is not an entry (not JSON): written over, or cut short by a crash during a write` });
      return;
    }
    if (!Value.Check(CustodyEntry, parsed)) {
      problems.push({ line, kind: 'unreadable', message: `line ${line} is not a well-formed custody entry (a field was added, removed or changed in type)` });
      return;
    }
    const e = parsed;
    const at = `line ${line} (#${e.seq}, ${e.action} ${e.evidenceId})`;
    if (e.seq !== head.seq + 1) {
      const what = e.seq > head.seq + 1 ? `entries #${head.seq + 1}${e.seq - 1 > head.seq + 1 ? `–#${e.seq - 1}` : ''} are missing before it` : `it comes after #${head.seq}: entries were reordered or repeated`;
      problems.push({ line, seq: e.seq, kind: 'sequence', message: `${at}: ${what}` });
    }
    if (e.prev !== head.hash) {
      problems.push({ line, seq: e.seq, kind: 'broken-link', message: `${at}: its "prev" is not the hash of the entry before it: that entry was edited, removed or moved` });
    }
    if (e.key !== v.key) problems.push({ line, seq: e.seq, kind: 'other-key', message: `${at}: signed by key ${e.key}, not this hall's key ${v.key}` });
    else if (!v.verify(signedText(e), e.sig)) problems.push({ line, seq: e.seq, kind: 'bad-signature', message: `${at}: the signature does not match: the entry was changed after it was signed` });
    entries.push({ line, entry: e });
    head = { seq: e.seq, hash: v.sha256(text) };
  });
  return { entries, problems, head };
}
