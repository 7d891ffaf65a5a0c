import { printable } from '../../app/text/printable';

/**
 * Logs a kind of problem at most once per interval, and says how many were held back — a flood of bad
 * messages must not flood the log. Pure apart from the `write` and clock it is given.
 */
export class LogLimiter {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly write: (line: string) => void,
    private readonly intervalMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  warn(key: string, message: string): void {
    const t = this.now();
    const entry = this.last.get(key);
    if (entry && t - entry.at < this.intervalMs) {
      entry.suppressed++;
      return;
    }
    const more = entry?.suppressed ? ` (${entry.suppressed} more like this in the last ${Math.round((t - entry.at) / 1000)} s)` : '';
    this.last.set(key, { at: t, suppressed: 0 });
    if (this.last.size > 10_000) this.last.clear(); // keys are bounded by reasons × sources; this is a backstop
    // Messages quote untrusted input (topics, ids, payload text): escaped and capped, one line each.
    this.write(`${printable(message, 500)}${more}`);
  }
}
