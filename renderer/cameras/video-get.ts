/** Prepares a request the way the tile's player does (video-access.ts: the hall's ticket or token by host). */
export type XhrSetup = (xhr: XMLHttpRequest, url: string) => void;

/**
 * A GET outside hls.js (a playlist while the signal is lost, a segment for evidence) with the player's own
 * request setup, so it reaches the same host with the same credentials. Resolves to the finished request
 * on 200, or undefined on anything else — these are best-effort looks, never errors.
 */
export function videoGet(url: string, o: { xhrSetup: XhrSetup | undefined; responseType?: XMLHttpRequestResponseType; timeoutMs: number }): Promise<XMLHttpRequest | undefined> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    try {
      o.xhrSetup?.(xhr, url);
      if (xhr.readyState === 0) xhr.open('GET', url, true);
    } catch {
      return resolve(undefined);
    }
    if (o.responseType) xhr.responseType = o.responseType;
    xhr.timeout = o.timeoutMs;
    xhr.onload = () => resolve(xhr.status === 200 ? xhr : undefined);
    xhr.onerror = xhr.ontimeout = xhr.onabort = () => resolve(undefined);
    xhr.send();
  });
}
