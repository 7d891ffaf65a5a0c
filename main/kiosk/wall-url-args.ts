/** The wall URL from `--wall-url=<url>` (or `--wall-url <url>`), else GRIDWALL_URL. */
export function wallUrlFromArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a.startsWith('--wall-url=')) return a.slice('--wall-url='.length);
    if (a === '--wall-url') return argv[i + 1];
  }
  return env.GRIDWALL_URL;
}
