import { parseUrlHost, type UrlHost } from './host-rules';

/**
 * A network URL split the way ffmpeg splits it (libavformat `av_url_split`: the authority ends at the
 * first `/`, `?` or `#`), with a grammar strict enough that browsers, Node and ffmpeg cannot read it
 * differently: printable ASCII only, percent-escapes well formed, no NUL, no `\`, `|`, spaces or
 * fragments, one `@` at most in the authority. The caller rebuilds the URL from these parts, so the
 * string that reaches ffmpeg is exactly the one checked.
 */
export interface NetUrl {
  /** Lower case. */
  scheme: string;
  /** Raw (still percent-encoded) `user[:password]`, when given. */
  userinfo?: string;
  host: UrlHost;
  port?: number;
  /** Starts with `/` (or is empty). */
  path: string;
  /** Without the `?`; undefined when absent. */
  query?: string;
}

// RFC 3986 unreserved + sub-delims + ':' + '%' (escapes checked apart).
const USERINFO = /^[A-Za-z0-9\-._~!$&'()*+,;=:%]*$/;
// pchar + '/' + '@'.
const PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;
const QUERY = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/;

/** Whether every `%` starts a two-hex-digit escape, and none of them is NUL. */
export function escapesOk(text: string): boolean {
  for (let i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
    const hex = text.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex) || hex === '00') return false;
  }
  return true;
}

export function parseNetUrl(url: string): NetUrl | { error: string } {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f]/.test(url)) return { error: 'it contains spaces or control characters (percent-encode them)' };
  if (/[^\u0021-\u007e]/.test(url)) return { error: 'it contains non-ASCII characters (percent-encode them)' };
  if (/[\\|^`{}<>"]/.test(url)) return { error: 'it contains a character URLs must not (one of \\ | ^ ` { } < > ")' };
  if (url.includes('#')) return { error: 'it has a fragment (#…), which a camera stream does not use' };
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/.exec(url);
  if (!m) return { error: 'it is not of the form scheme://host/path' };
  const scheme = m[1]!.toLowerCase();
  const rest = m[2]!;
  const cut = rest.search(/[/?]/);
  const authority = cut < 0 ? rest : rest.slice(0, cut);
  const tail = cut < 0 ? '' : rest.slice(cut);
  const at = authority.lastIndexOf('@');
  if (authority.indexOf('@') !== at) return { error: 'its credentials contain an "@" (percent-encode it as %40)' };
  const userinfo = at >= 0 ? authority.slice(0, at) : undefined;
  const hostport = at >= 0 ? authority.slice(at + 1) : authority;
  if (userinfo !== undefined && (!USERINFO.test(userinfo) || !escapesOk(userinfo) || userinfo === '' || userinfo.startsWith(':'))) {
    return { error: 'its credentials are malformed (user:password, with reserved characters percent-encoded)' };
  }
  const pm = /^(\[[^\]]*\]|[^:[\]]*)(?::([0-9]*))?$/.exec(hostport);
  if (!pm || !pm[1]) return { error: 'it names no host' };
  const host = parseUrlHost(pm[1]);
  if ('error' in host) return { error: host.error };
  let port: number | undefined;
  if (pm[2] !== undefined) {
    if (!/^[1-9][0-9]{0,4}$/.test(pm[2]) || Number(pm[2]) > 65535) return { error: 'its port is not a number from 1 to 65535' };
    port = Number(pm[2]);
  }
  const q = tail.indexOf('?');
  const path = q < 0 ? tail : tail.slice(0, q);
  const query = q < 0 ? undefined : tail.slice(q + 1);
  if (!PATH.test(path) || !escapesOk(path)) return { error: 'its path has characters that must be percent-encoded, or a bad or NUL escape' };
  if (query !== undefined && (!QUERY.test(query) || !escapesOk(query))) return { error: 'its query has characters that must be percent-encoded, or a bad or NUL escape' };
  return { scheme, ...(userinfo !== undefined ? { userinfo } : {}), host, ...(port !== undefined ? { port } : {}), path, ...(query !== undefined ? { query } : {}) };
}

/** The URL from its parts: scheme and host in lower case, nothing else changed. */
export function formatNetUrl(u: NetUrl): string {
  const host = u.host.kind === 'name' ? u.host.name : u.host.text;
  return `${u.scheme}://${u.userinfo !== undefined ? `${u.userinfo}@` : ''}${host}${u.port !== undefined ? `:${u.port}` : ''}${u.path}${u.query !== undefined ? `?${u.query}` : ''}`;
}
