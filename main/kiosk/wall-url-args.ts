/** The wall URL from `--wall-url=<url>` (or `--wall-url <url>`), else GRIDWALL_URL. */
export function wallUrlFromArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a.startsWith('--wall-url=')) return a.slice('--wall-url='.length);
    if (a === '--wall-url') return argv[i + 1];
  }
  return env.GRIDWALL_URL;
}

/**
 * The wall token: `GRIDWALL_TOKEN` (how the launcher hands it over, out of the process list), else a
 * `token` already in the wall URL's fragment. The kiosk puts it in the fragment it loads: the page keeps
 * it, and a fragment is never sent to a server or written to its logs.
 */
export function wallTokenFromEnv(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const t = env.GRIDWALL_TOKEN?.trim();
  return t ? t : undefined;
}
