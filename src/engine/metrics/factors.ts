// Ground-truth factors of variation as the disentanglement metrics take them: one column per factor, one value
// per image (row order = the codes' row order).

export interface Factor {
  name: string;
  /** numeric: measured values; categorical: class numbers 0..K−1 (the CSV's text values, numbered). */
  kind: 'numeric' | 'categorical';
  values: Float64Array;
  /** The text of each class number (categorical only). */
  categories?: string[];
}

/** disentanglement_lib's datasets give each factor as a small set of discrete values; a numeric factor with more than this many distinct values is binned like μ. */
export const MAX_DISCRETE_VALUES = 20;

/**
 * A factor's classes for the discrete metrics (MIG, DCI, SAP on categorical factors): categorical classes as
 * they are; a numeric factor's own values when it has at most 20 distinct ones (disentanglement_lib's factors are
 * such indices), else 20 equal-width bins as μ gets (`histogramDiscretize`).
 */
export function factorClasses(f: Factor, discretize: (x: ArrayLike<number>) => Int32Array): Int32Array {
  if (f.kind === 'categorical') return Int32Array.from(f.values);
  const distinct = [...new Set(f.values)].sort((a, b) => a - b);
  if (distinct.length > MAX_DISCRETE_VALUES) return discretize(f.values);
  const index = new Map(distinct.map((v, i) => [v, i]));
  return Int32Array.from(f.values, (v) => index.get(v)!);
}
