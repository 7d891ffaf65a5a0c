/** Where a surface keeps its token between reloads (a kiosk restarts; the URL it was opened with is gone). */
export const TOKEN_KEY = 'gridwall.token';

export interface TokenPlace {
  hash: string;
  search: string;
}

/**
 * The surface's token: from the URL it was opened with (`#token=…`, as the hall server prints it, or
 * `?token=…`), else the one it kept. Pure; `main.tsx` stores it and strips it from the address bar.
 */
export function tokenFrom(place: TokenPlace, kept: string | null): { token?: string; fromUrl: boolean } {
  const fromHash = new URLSearchParams(place.hash.replace(/^#/, '')).get('token');
  const fromQuery = new URLSearchParams(place.search).get('token');
  const fromUrl = (fromHash ?? fromQuery)?.trim();
  if (fromUrl) return { token: fromUrl, fromUrl: true };
  return kept ? { token: kept, fromUrl: false } : { fromUrl: false };
}

/** The URL without its token, for `history.replaceState` (nothing secret stays on screen or in history). */
export function withoutToken(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('token');
  const hash = new URLSearchParams(url.hash.replace(/^#/, ''));
  hash.delete('token');
  url.hash = hash.toString();
  return url.toString();
}
