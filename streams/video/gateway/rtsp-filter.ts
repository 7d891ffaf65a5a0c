/**
 * Reads what an RTSP server sends to ffmpeg exactly as ffmpeg's `ff_rtsp_read_reply` (libavformat/rtsp.c)
 * reads it, so the relay in rtsp-guard.ts sees the same `Location` ffmpeg would follow. ffmpeg's rules,
 * mirrored here: a line ends at `\n`; every `\r` in it is dropped; it keeps 4095 characters and stops at
 * a NUL; an empty line ends the message; a `$` before any character of a line is an interleaved packet
 * (`$`, channel, 16-bit length, payload) skipped whole; the first line is the status (`RTSP/… <atoi>`); a
 * header starting `Location:` (any case) sets the redirect target; `Content-Length:` (strtol, kept in an
 * int) is a body read unparsed. ffmpeg follows a redirect on any 3xx while connecting.
 *
 * Every `Location` of a 3xx is handed to `decide`: it is rewritten (to the relay) or the connection is
 * refused. A `Location` on any other message means nothing to ffmpeg and is dropped, so a status this
 * mirror might read differently can never smuggle one through. Pure; fed chunks as they arrive.
 */

export type LocationDecision = { ok: true; value: string } | { ok: false; reason: string };
export type FilterResult = { ok: true; out: Buffer[] } | { ok: false; reason: string };

const LF = 0x0a;
const CR = 0x0d;
const DOLLAR = 0x24;
/** ffmpeg keeps this many characters of a line. */
const FFMPEG_LINE = 4095;
/** Longer header lines are refused rather than held (real servers send short ones). */
const MAX_RAW_LINE = 8192;

/** C's `(int) strtol(s, NULL, 10)` as glibc on a 64-bit machine computes it. */
export function strtolInt(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)/.exec(s);
  if (!m) return 0;
  let v = BigInt(`${m[1]}${m[2]}`);
  const max = (1n << 63n) - 1n;
  if (v > max) v = max;
  if (v < -max - 1n) v = -max - 1n;
  return Number(BigInt.asIntN(32, v));
}

/** ffmpeg's `get_word`: skip " \t\r\n", take up to the next of them, keep 1023 characters. */
function getWord(s: string, from: number): [string, number] {
  let i = from;
  while (i < s.length && ' \t\r\n'.includes(s[i]!)) i++;
  let j = i;
  while (j < s.length && !' \t\r\n'.includes(s[j]!)) j++;
  return [s.slice(i, j).slice(0, 1023), j];
}

/** The status code of a first line, as ffmpeg reads it; undefined for a request from the server. */
export function replyStatus(line: string): number | undefined {
  const [proto, next] = getWord(line, 0);
  if (!proto.startsWith('RTSP/')) return undefined;
  return strtolInt(getWord(line, next)[0]);
}

export class RtspReplyFilter {
  private mode: 'line' | 'dollar' | 'skip' = 'line';
  private skip = 0;
  private dollar: number[] = [];
  private raw: Buffer[] = [];
  private rawLen = 0;
  /** Characters ffmpeg stored of the current line (`\r` is not stored): 0 means a `$` starts a packet. */
  private chars = 0;
  private lineNo = 0;
  private status: number | undefined;
  private contentLength = 0;
  private failed: string | undefined;

  constructor(private readonly decide: (location: string) => LocationDecision) {}

  push(chunk: Buffer): FilterResult {
    if (this.failed) return { ok: false, reason: this.failed };
    const out: Buffer[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.mode === 'skip') {
        const n = Math.min(this.skip, chunk.length - i);
        out.push(chunk.subarray(i, i + n));
        i += n;
        this.skip -= n;
        if (this.skip === 0) this.mode = 'line';
      } else if (this.mode === 'dollar') {
        this.dollar.push(chunk[i]!);
        out.push(chunk.subarray(i, i + 1));
        i++;
        if (this.dollar.length === 3) {
          this.skip = (this.dollar[1]! << 8) | this.dollar[2]!;
          this.dollar = [];
          this.mode = this.skip > 0 ? 'skip' : 'line';
        }
      } else if (this.chars === 0) {
        // Byte by byte until the line has a character: `\r`s, then maybe a `$`.
        const b = chunk[i]!;
        if (b === DOLLAR) {
          out.push(...this.raw);
          this.raw = [];
          this.rawLen = 0;
          out.push(chunk.subarray(i, i + 1));
          this.mode = 'dollar';
        } else {
          this.hold(chunk.subarray(i, i + 1));
          if (b === LF) {
            const r = this.line();
            if (!r.ok) return this.fail(r.reason);
            out.push(...r.out);
          } else if (b !== CR) this.chars = 1;
        }
        i++;
      } else {
        const j = chunk.indexOf(LF, i);
        const end = j < 0 ? chunk.length : j + 1;
        this.hold(chunk.subarray(i, end));
        i = end;
        if (this.rawLen > MAX_RAW_LINE) return this.fail(`the camera sent an RTSP header line over ${MAX_RAW_LINE} bytes`);
        if (j >= 0) {
          const r = this.line();
          if (!r.ok) return this.fail(r.reason);
          out.push(...r.out);
        }
      }
    }
    return { ok: true, out };
  }

  private fail(reason: string): FilterResult {
    this.failed = reason;
    return { ok: false, reason };
  }

  private hold(b: Buffer): void {
    this.raw.push(Buffer.from(b));
    this.rawLen += b.length;
  }

  /** A complete line (ending in `\n`) is held: pass it on, rewrite it or refuse. */
  private line(): FilterResult {
    const raw = Buffer.concat(this.raw);
    this.raw = [];
    this.rawLen = 0;
    this.chars = 0;
    // What ffmpeg's buffer holds: no `\r`, 4095 characters at most, read up to a NUL.
    const text = raw.subarray(0, raw.length - 1).toString('latin1').replace(/\r/g, '').slice(0, FFMPEG_LINE).split('\0')[0]!;
    if (text === '') {
      if (this.contentLength > 0) {
        this.skip = this.contentLength;
        this.mode = 'skip';
      }
      this.lineNo = 0;
      this.status = undefined;
      this.contentLength = 0;
      return { ok: true, out: [raw] };
    }
    const first = this.lineNo === 0;
    this.lineNo++;
    if (first) {
      this.status = replyStatus(text);
      return { ok: true, out: [raw] };
    }
    const lower = text.slice(0, 15).toLowerCase();
    if (lower.startsWith('content-length:')) this.contentLength = strtolInt(text.slice(15));
    if (!lower.startsWith('location:')) return { ok: true, out: [raw] };
    if (this.status === undefined || this.status < 300 || this.status >= 400) return { ok: true, out: [] };
    const d = this.decide(text.slice(9).replace(/^[ \t\r\n]+/, '').replace(/[ \t]+$/, ''));
    if (!d.ok) return d;
    return { ok: true, out: [Buffer.from(`Location: ${d.value}\r\n`, 'latin1')] };
  }
}
