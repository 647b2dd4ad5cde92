// What the page needs of the dataset's μ for attribute vectors and traversal ranges, computed once in the job
// process: each label's centroid of μ and each dimension's range of μ. Plain loops, no tfjs.

/** c_l = (1/N_l) Σ_{i: y_i = l} μ_i for each label l (a label no image has gets null), and N_l. */
export function labelCentroids(mus: Float32Array, labels: ArrayLike<number>, d: number, labelCount: number): { centroids: (number[] | null)[]; counts: number[] } {
  const n = labels.length;
  if (mus.length !== n * d) throw new RangeError(`labelCentroids: ${mus.length} values for ${n} labels × ${d}`);
  const sums = Array.from({ length: labelCount }, () => new Float64Array(d));
  const counts = new Array<number>(labelCount).fill(0);
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (l < 0 || l >= labelCount) throw new RangeError(`labelCentroids: label ${l} of image ${i} is not one of ${labelCount}`);
    counts[l]++;
    for (let j = 0; j < d; j++) sums[l][j] += mus[i * d + j];
  }
  return { centroids: sums.map((s, l) => (counts[l] ? Array.from(s, (v) => v / counts[l]) : null)), counts };
}

/** min_i μ_ij and max_i μ_ij for each dimension j (disentanglement_lib's "minmax" traversal range). */
export function muRange(mus: Float32Array, n: number, d: number): { min: number[]; max: number[] } {
  const min = new Array<number>(d).fill(Infinity);
  const max = new Array<number>(d).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = mus[i * d + j];
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  }
  return { min, max };
}
