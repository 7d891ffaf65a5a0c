import { describe, expect, it } from 'vitest';
import { replyStatus, RtspReplyFilter, strtolInt, type LocationDecision } from './rtsp-filter';

/** Runs bytes through a filter, in one piece and byte by byte (both must agree). */
function run(input: Buffer | string, decide: (loc: string) => LocationDecision = (l) => ({ ok: true, value: `rewritten(${l})` })) {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  const results = [
    [bytes],
    [...bytes].map((b) => Buffer.from([b])),
  ].map((chunks) => {
    const seen: string[] = [];
    const f = new RtspReplyFilter((l) => (seen.push(l), decide(l)));
    const out: Buffer[] = [];
    for (const c of chunks) {
      const r = f.push(c);
      if (!r.ok) return { refused: r.reason, seen, out: Buffer.concat(out).toString('latin1') };
      out.push(...r.out);
    }
    return { refused: undefined, seen, out: Buffer.concat(out).toString('latin1') };
  });
  // Refused: what came before the refusal depends on how the bytes were cut; the verdict must not.
  const [whole, bytewise] = results as [(typeof results)[0], (typeof results)[0]];
  expect(bytewise.refused).toEqual(whole.refused);
  expect(bytewise.seen).toEqual(whole.seen);
  if (!whole.refused) expect(bytewise.out).toEqual(whole.out);
  return bytewise;
}

const refuseAll = (l: string): LocationDecision => ({ ok: false, reason: `refused ${l}` });

describe('RTSP reply filter (reads replies as ffmpeg does)', () => {
  it('passes ordinary replies, bodies and interleaved packets through unchanged', () => {
    const body = 'v=0\r\nLocation: rtsp://evil/x\r\n';
    const pkt = Buffer.concat([Buffer.from([0x24, 0, 0, 12]), Buffer.from('Location: x\n', 'latin1')]);
    const text = Buffer.concat([
      Buffer.from(`RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Length: ${body.length}\r\n\r\n${body}`, 'latin1'),
      pkt,
      Buffer.from('RTSP/1.0 200 OK\r\nCSeq: 3\r\n\r\n', 'latin1'),
    ]);
    const r = run(text, refuseAll);
    expect(r.refused).toBeUndefined();
    expect(r.seen).toEqual([]);
    expect(r.out).toBe(text.toString('latin1'));
  });

  it('hands every Location of a 3xx to the decision, and writes back what it says', () => {
    const r = run('RTSP/1.0 302 Moved\r\nCSeq: 2\r\nLocation:  rtsp://10.0.0.9/ch1 \r\n\r\n');
    expect(r.seen).toEqual(['rtsp://10.0.0.9/ch1']);
    expect(r.out).toBe('RTSP/1.0 302 Moved\r\nCSeq: 2\r\nLocation: rewritten(rtsp://10.0.0.9/ch1)\r\n\r\n');
  });

  it('refuses a redirect the decision refuses, before any of its Location is passed on', () => {
    const r = run('RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\nRTSP/1.0 301 Moved\r\nCSeq: 2\r\nLocation: rtsp://evil.example/x\r\n\r\n', refuseAll);
    expect(r.refused).toBe('refused rtsp://evil.example/x');
    expect(r.out).not.toContain('evil');
  });

  it('reads the tricks ffmpeg reads: bare \\n, \\r inside words, odd case, leading blanks, interleaved data mid-message', () => {
    for (const msg of [
      'RTSP/1.0 302 X\nlOcAtIoN:rtsp://evil/a\n\n',
      'RTSP/1.0 302 X\r\nLoca\rtion: rtsp://evil/a\r\n\r\n',
      '  RTSP/1.0   302\r\nLocation:\t rtsp://evil/a\r\n\r\n',
      'RTSP/1.0 +302abc\r\nLocation: rtsp://evil/a\r\n\r\n',
      'RTSP/1.0 302 X\r\nCSeq: 1\r\n\r$\x00\x00\x02ab\rLocation: rtsp://evil/a\r\n\r\n',
    ]) {
      const r = run(msg, refuseAll);
      expect(r.refused, JSON.stringify(msg)).toBe('refused rtsp://evil/a');
    }
  });

  it('drops a Location on anything but a 3xx (ffmpeg ignores it there), so no status reading can smuggle one', () => {
    const r = run('RTSP/1.0 200 OK\r\nLocation: rtsp://evil/a\r\nCSeq: 1\r\n\r\nANNOUNCE rtsp://x RTSP/1.0\r\nLocation: rtsp://evil/b\r\n\r\n', refuseAll);
    expect(r.refused).toBeUndefined();
    expect(r.out).toBe('RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\nANNOUNCE rtsp://x RTSP/1.0\r\n\r\n');
  });

  it('treats a line starting with NUL as the end of a message, as ffmpeg does, and skips a body by ffmpeg’s length', () => {
    // The NUL line ends the 200; the next bytes start a new message ffmpeg reads as a 302.
    const r = run('RTSP/1.0 200 OK\r\n\x00junk\r\nRTSP/1.0 302 X\r\nLocation: rtsp://evil/a\r\n\r\n', refuseAll);
    expect(r.refused).toBe('refused rtsp://evil/a');
    // Content-Length 4294967297 is 1 in ffmpeg's int: one byte of body, then a message.
    const body = run('RTSP/1.0 200 OK\r\nContent-Length: 4294967297\r\n\r\nXRTSP/1.0 302 X\r\nLocation: rtsp://evil/a\r\n\r\n', refuseAll);
    expect(body.refused).toBe('refused rtsp://evil/a');
  });

  it('refuses absurdly long header lines instead of holding them', () => {
    const r = run(`RTSP/1.0 200 OK\r\nX-Pad: ${'a'.repeat(9000)}\r\n\r\n`);
    expect(r.refused).toMatch(/over 8192 bytes/);
  });

  it('mirrors C number parsing', () => {
    expect(strtolInt(' 42x')).toBe(42);
    expect(strtolInt('\v-7')).toBe(-7);
    expect(strtolInt('x1')).toBe(0);
    expect(strtolInt('4294967297')).toBe(1);
    expect(strtolInt('99999999999999999999999')).toBe(-1);
    expect(replyStatus('RTSP/1.0 302 Found')).toBe(302);
    expect(replyStatus(`RTSP/1.0 ${'0'.repeat(1023)}302`)).toBe(0);
    expect(replyStatus('OPTIONS * RTSP/1.0')).toBeUndefined();
  });
});
