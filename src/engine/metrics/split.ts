// The seeded held-out split the supervised metrics share (linear probe, DCI, SAP): a shuffle, then the first
// `trainFraction` for training. disentanglement_lib splits without shuffling (its samples are already random);
// a dataset folder is sorted by class, so here the order is shuffled first, with a seed the report names.
import { Rng } from '../../shared/rng';

export interface HeldOutSplit {
  train: Int32Array;
  test: Int32Array;
}

/** Indices 0..n−1 shuffled by `seed`, ⌈n·trainFraction⌉ for training (as utils.split_train_test), the rest held out. */
export function heldOutSplit(n: number, seed: number, trainFraction = 0.8): HeldOutSplit {
  const order = new Rng(seed).permutation(n);
  const nTrain = Math.min(n - 1, Math.max(1, Math.ceil(n * trainFraction)));
  return { train: order.slice(0, nTrain), test: order.slice(nTrain) };
}

/** Rows `idx` of an n × d row-major matrix. */
export function takeRows(x: ArrayLike<number>, d: number, idx: ArrayLike<number>): Float64Array {
  const out = new Float64Array(idx.length * d);
  for (let r = 0; r < idx.length; r++) for (let j = 0; j < d; j++) out[r * d + j] = x[idx[r] * d + j];
  return out;
}

/** Entries `idx` of a vector. */
export function take(x: ArrayLike<number>, idx: ArrayLike<number>): Int32Array {
  return Int32Array.from({ length: idx.length }, (_, r) => x[idx[r]]);
}
