// How much a conditional VAE's decoder uses its label, from a grid of samples: row r is label r, column c one z.
// Compare the change across labels for the same z with the change across z under the same label. A decoder that
// ignores its label (seen with latent size 20: the encoder carries the class in z) changes little across a column.

/** Below this ratio of the two mean changes the label is called ignored (the whole column looks alike). */
export const IGNORED_BELOW = 0.2;

export interface LabelEffect {
  /** Mean |Δ pixel| (0…255) between labels for the same z. */
  acrossLabels: number;
  /** Mean |Δ pixel| between z's under the same label. */
  acrossCodes: number;
  ratio: number;
  ignored: boolean;
}

function meanAbsDiff(pixels: ArrayLike<number>, a: number, b: number, per: number): number {
  let s = 0;
  for (let j = 0; j < per; j++) s += Math.abs(pixels[a * per + j] - pixels[b * per + j]);
  return s / per;
}

/** The effect in a labels × codes grid of decoded images (row-major, `per` values each). */
export function labelEffect(pixels: ArrayLike<number>, labels: number, codes: number, per: number): LabelEffect {
  let across = 0;
  let pairs = 0;
  for (let c = 0; c < codes; c++) {
    for (let r = 0; r < labels; r++) {
      for (let q = r + 1; q < labels; q++) {
        across += meanAbsDiff(pixels, r * codes + c, q * codes + c, per);
        pairs++;
      }
    }
  }
  let within = 0;
  let withinPairs = 0;
  for (let r = 0; r < labels; r++) {
    for (let c = 0; c < codes; c++) {
      for (let e = c + 1; e < codes; e++) {
        within += meanAbsDiff(pixels, r * codes + c, r * codes + e, per);
        withinPairs++;
      }
    }
  }
  const acrossLabels = across / Math.max(1, pairs);
  const acrossCodes = within / Math.max(1, withinPairs);
  const ratio = acrossCodes > 0 ? acrossLabels / acrossCodes : acrossLabels > 0 ? Infinity : 0;
  return { acrossLabels, acrossCodes, ratio, ignored: ratio < IGNORED_BELOW };
}
