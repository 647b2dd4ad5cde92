// The median of a list of numbers (the mean of the middle two for an even count; NaN for none): the benches'
// samples/s is the median epoch's.
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
}
