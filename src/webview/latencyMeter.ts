// Decode latency as the user feels it (pointer event → pixels on the canvas), over the most recent moves, so the
// latent pad can say how interactive this model is in this webview (WebGL vs the cpu fallback differ ~10×).

export class LatencyMeter {
  private readonly samples: number[] = [];
  private next = 0;

  constructor(private readonly capacity = 200) {}

  record(ms: number): void {
    if (this.samples.length < this.capacity) this.samples.push(ms);
    else this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.capacity;
  }

  get count(): number {
    return this.samples.length;
  }

  /** The p-th percentile (nearest rank) of the recorded latencies, NaN before the first. */
  percentile(p: number): number {
    if (this.samples.length === 0) return NaN;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
  }

  reset(): void {
    this.samples.length = 0;
    this.next = 0;
  }
}
