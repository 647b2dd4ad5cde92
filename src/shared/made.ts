// The MADE masks (Germain et al. 2015) of an IAF step: plain data, read by the engine's tfjs flow and the page's.

/**
 * MADE masks for the order 1…D: hidden unit j has degree m(j) = 1 + (j mod (D − 1)); input d reaches unit j when
 * m(j) ≥ d, unit j reaches output d when d > m(j). So output d sees only inputs < d (and none for D = 1).
 * Returned row-major: input mask [D, H], output mask [H, D].
 */
export function madeMasks(d: number, hidden: number): { inMask: Float32Array; outMask: Float32Array } {
  const inMask = new Float32Array(d * hidden);
  const outMask = new Float32Array(hidden * d);
  if (d < 2) return { inMask, outMask };
  for (let j = 0; j < hidden; j++) {
    const degree = 1 + (j % (d - 1));
    for (let i = 1; i <= d; i++) {
      if (degree >= i) inMask[(i - 1) * hidden + j] = 1;
      if (i > degree) outMask[j * d + (i - 1)] = 1;
    }
  }
  return { inMask, outMask };
}
