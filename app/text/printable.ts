/**
 * Makes an untrusted string safe to print in one line of a log, a status or an error message: control
 * characters (newlines, ANSI escapes, NUL, bidi overrides) become visible escapes, and the result is cut
 * to `max` characters with an ellipsis. A topic name or a payload can then never forge a log line.
 */
export function printable(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  return escaped.length <= max ? escaped : `${escaped.slice(0, Math.max(0, max - 1))}…`;
}
