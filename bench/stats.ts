/** Percentile of a sample (nearest rank); 0 for an empty sample. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

/** A compact latency recorder: integer milliseconds in a histogram, so millions of samples cost nothing. */
export class LatencyHistogram {
  private readonly counts = new Uint32Array(60_001);
  count = 0;

  add(ms: number): void {
    const i = Math.min(60_000, Math.max(0, Math.round(ms)));
    this.counts[i] = (this.counts[i] ?? 0) + 1;
    this.count++;
  }

  merge(other: { counts: number[] }): void {
    other.counts.forEach((c, i) => {
      this.counts[i] = (this.counts[i] ?? 0) + c;
      this.count += c;
    });
  }

  toJSON(): { counts: number[] } {
    return { counts: Array.from(this.counts) };
  }

  quantile(p: number): number {
    if (this.count === 0) return 0;
    const target = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i] as number;
      if (seen >= target) return i;
    }
    return 60_000;
  }
}
