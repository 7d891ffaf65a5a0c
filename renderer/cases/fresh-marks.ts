/** How long a newly reported case stays highlighted in the feed. */
export const FRESH_MS = 12_000;

/**
 * Which cases are new to this window: ids first seen after its first snapshot, with when. Cases already
 * open when the window starts are not "new"; ids that left are forgotten (a case reopened is new again).
 */
export class FreshTracker {
  private readonly seen = new Map<string, number>();
  private primed = false;

  /** Notes the ids present now. `ready`: the window has its first snapshot (before it, nothing is new). */
  observe(ids: Iterable<string>, now: number, ready: boolean): void {
    if (!ready) return;
    const present = new Set(ids);
    for (const id of present) if (!this.seen.has(id)) this.seen.set(id, this.primed ? now : -Infinity);
    for (const id of this.seen.keys()) if (!present.has(id)) this.seen.delete(id);
    this.primed = true;
  }

  isFresh(id: string, now: number): boolean {
    const at = this.seen.get(id);
    return at !== undefined && now - at < FRESH_MS;
  }
}
