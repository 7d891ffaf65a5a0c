/**
 * Camera URLs as they may be shown or logged: without credentials. Works on any text, valid URL or not
 * (a refused URL is redacted too), and errs on the side of removing too much.
 */

const MASK = '***';

/** Query parameter names that carry secrets, compared lower case without `-` and `_`, by substring. */
const SECRET_PARAMS = ['pass', 'pwd', 'token', 'secret', 'sig', 'key', 'auth', 'cred', 'session', 'jwt', 'ticket', 'user', 'login', 'hash'];

export function isSecretParam(name: string): boolean {
  let n = name.toLowerCase().replace(/[-_]/g, '');
  try {
    n = decodeURIComponent(n);
  } catch {
    // keep it encoded: still compared
  }
  return SECRET_PARAMS.some((s) => n.includes(s));
}

/** Whether a query string has a parameter that looks like a secret. */
export function hasSecretParams(query: string | undefined): boolean {
  if (!query) return false;
  return query.split('&').some((kv) => isSecretParam(kv.split('=')[0] ?? ''));
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((kv) => {
      const eq = kv.indexOf('=');
      const name = eq < 0 ? kv : kv.slice(0, eq);
      return isSecretParam(name) ? `${name}=${MASK}` : kv;
    })
    .join('&');
}

/**
 * `rtsp://admin:pw@10.1.2.3/ch1?token=x` → `rtsp://***@10.1.2.3/ch1?token=***`. Everything between `//`
 * and the last `@` goes (a password may hold an unescaped `/` or `?`), and every secret-looking query value.
 */
export function redactUrl(url: string): string {
  let out = url;
  const start = out.indexOf('//');
  const at = out.lastIndexOf('@');
  if (start >= 0 && at > start) out = `${out.slice(0, start + 2)}${MASK}${out.slice(at)}`;
  const q = out.indexOf('?');
  if (q >= 0) {
    const hash = out.indexOf('#', q);
    const query = hash < 0 ? out.slice(q + 1) : out.slice(q + 1, hash);
    out = `${out.slice(0, q + 1)}${redactQuery(query)}${hash < 0 ? '' : `#${MASK}`}`;
  } else {
    const hash = out.indexOf('#');
    if (hash >= 0) out = `${out.slice(0, hash)}#${MASK}`;
  }
  return out;
}

/** Redacts every URL inside a line of text (an ffmpeg message, an error): `scheme://…` up to white space or a quote. */
export function redactText(text: string): string {
  return text.replace(/[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"'<>]*/g, (u) => redactUrl(u));
}

/**
 * A client that read a camera (URLs redacted) and sends it back unchanged must not overwrite the stored
 * credentials with `***`: a URL equal to the redacted form of the stored one means "keep the stored one".
 */
export function keepStoredUrl(sent: string, stored: string | undefined): string {
  return stored !== undefined && sent !== stored && sent.includes(MASK) && sent === redactUrl(stored) ? stored : sent;
}
