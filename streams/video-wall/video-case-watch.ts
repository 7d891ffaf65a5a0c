/** What the watch needs of the case store: its newest cases from one source (an index range scan). */
export interface VideoCaseLister {
  list(filter: { source: 'video'; from: number; limit: number }): Promise<{ items: ReadonlyArray<{ case: { id: string }; createdAt: number }> }>;
}

export interface VideoCaseWatchDeps {
  store(): VideoCaseLister | undefined;
  now(): number;
  /** Cases made before this (an earlier run of the hall, an import) never count as new. */
  since: number;
  onNew(caseId: string): void;
  warn(message: string): void;
}

/** A video case reports the time of its frame, which is at most the DVR window (minutes) before it is made. */
const LOOKBACK_MS = 15 * 60_000;
const KEEP_SEEN = 500;

/**
 * Notices new video-captured cases (视频抓拍), by whoever made them — the capture flow, `POST /api/cases`,
 * another hall server on the same database — by reading the newest video cases from the case store. The
 * cases module offers no hook for this and is not ours to change; its store answers this from an index.
 */
export class VideoCaseWatch {
  private readonly seen = new Set<string>();
  private busy = false;

  constructor(private readonly d: VideoCaseWatchDeps) {}

  async poll(): Promise<void> {
    const store = this.d.store();
    if (!store || this.busy) return;
    this.busy = true;
    try {
      const page = await store.list({ source: 'video', from: this.d.now() - LOOKBACK_MS, limit: 20 });
      for (const r of page.items) {
        if (this.seen.has(r.case.id)) continue;
        this.seen.add(r.case.id);
        if (r.createdAt >= this.d.since) this.d.onNew(r.case.id);
      }
      for (const id of this.seen) {
        if (this.seen.size <= KEEP_SEEN) break;
        this.seen.delete(id);
      }
    } catch (err) {
      this.d.warn(`new video cases could not be read (${(err as Error).message})`);
    } finally {
      this.busy = false;
    }
  }
}
