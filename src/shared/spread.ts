// Which images stand for a dataset when only a few can be shown or measured.

/** Up to `count` indices spread evenly over 0..n−1, so every class of a class-sorted dataset tends to show up. */
export function spreadIndices(n: number, count: number): number[] {
  const k = Math.min(n, count);
  return Array.from({ length: k }, (_, i) => Math.floor((i * n) / k));
}
