// Latency of answers that land after they were asked for: an imported model's decode in the page draws a stand-in at
// once and its own answer when ONNX Runtime returns. Timing the stand-in would flatter the model, so a request is
// timed from the first time it was asked for to the first time its own answer is shown.

export class PendingAnswers {
  private readonly askedAt = new Map<string, number>();

  constructor(private readonly capacity = 256) {}

  /** `key` was asked for at `t` and a stand-in shown: remembered from its first asking until its answer is shown. */
  waiting(key: string, t: number): void {
    if (this.askedAt.has(key)) return;
    this.askedAt.set(key, t);
    // requests the pointer left behind and never revisited are forgotten oldest first
    if (this.askedAt.size > this.capacity) this.askedAt.delete(this.askedAt.keys().next().value!);
  }

  /** `key`'s own answer is shown at `t` (asked for at `askedNow`): milliseconds since it was first asked for. */
  shown(key: string, t: number, askedNow: number): number {
    const first = this.askedAt.get(key) ?? askedNow;
    this.askedAt.delete(key);
    return t - first;
  }

  get size(): number {
    return this.askedAt.size;
  }

  clear(): void {
    this.askedAt.clear();
  }
}
