// Fitting a VQ-VAE's autoregressive prior over code grids: the MADE of shared/codePrior.ts (its masks, degrees and
// the sampler the page and the CLI use), trained here with Adam on the cross-entropy
//   −log p(c) = −Σ_i log softmax(logits_i(c_<i))[c_i]   (nats per grid)
// of the training set's code grids, and measured on held-out grids next to the two baselines: the codes' unigram
// frequencies (every cell independent) and the uniform prior (cells · log K).
import * as tf from '@tensorflow/tfjs-core';
import { inputMask, outputMask, type CodePriorWeights } from '../../../shared/codePrior';
import { Rng } from '../../../shared/rng';
import { createAdam } from '../../optimizer';

export interface CodePriorShape {
  cells: number;
  k: number;
  hidden: number;
}

/** The MADE as tfjs tensors: kernels with their masks, so the gradient of a masked weight is zero too. */
export class CodePriorNet {
  readonly inKernel: tf.Variable;
  readonly inBias: tf.Variable;
  readonly outKernel: tf.Variable;
  readonly outBias: tf.Variable;
  private readonly inMask: tf.Tensor2D;
  private readonly outMask: tf.Tensor2D;

  constructor(
    readonly shape: CodePriorShape,
    init: Omit<CodePriorWeights, 'cells' | 'k' | 'hidden'>,
  ) {
    const { cells, k, hidden } = shape;
    this.inKernel = tf.variable(tf.tensor2d(init.inKernel, [cells * k, hidden]));
    this.inBias = tf.variable(tf.tensor1d(init.inBias));
    this.outKernel = tf.variable(tf.tensor2d(init.outKernel, [hidden, cells * k]));
    this.outBias = tf.variable(tf.tensor1d(init.outBias));
    this.inMask = tf.tensor2d(inputMask(cells, k, hidden), [cells * k, hidden]);
    this.outMask = tf.tensor2d(outputMask(cells, k, hidden), [hidden, cells * k]);
  }

  /** Random kernels U(±1/√fan-in) (a grid has `cells` active one-hot inputs), the output bias at log unigram frequencies. */
  static create(shape: CodePriorShape, seed: number, logFrequencies?: Float32Array): CodePriorNet {
    const { cells, k, hidden } = shape;
    const rng = new Rng(seed);
    const fill = (n: number, a: number) => Float32Array.from({ length: n }, () => rng.uniform(-a, a));
    const outBias = new Float32Array(cells * k);
    if (logFrequencies) for (let i = 0; i < cells; i++) outBias.set(logFrequencies, i * k);
    return new CodePriorNet(shape, {
      inKernel: fill(cells * k * hidden, 1 / Math.sqrt(cells)),
      inBias: new Float32Array(hidden),
      outKernel: fill(hidden * cells * k, 1 / Math.sqrt(hidden)),
      outBias,
    });
  }

  get variables(): tf.Variable[] {
    return [this.inKernel, this.inBias, this.outKernel, this.outBias];
  }

  /** Logits [B, cells, K] of p(c_i | c_<i) for grids of codes [B, cells] (int32). */
  logits(codes: tf.Tensor2D): tf.Tensor3D {
    const { cells, k } = this.shape;
    return tf.tidy(() => {
      const b = codes.shape[0];
      // cell i's one-hot [K] at i·K…i·K+K−1 of the grid's row: oneHot [B, cells, K] flattened
      const oneHot = tf.reshape(tf.cast(tf.oneHot(codes, k), 'float32'), [b, cells * k]) as tf.Tensor2D;
      const hidden = tf.relu(tf.add(tf.matMul(oneHot, tf.mul(this.inKernel, this.inMask)), this.inBias)) as tf.Tensor2D;
      const out = tf.add(tf.matMul(hidden, tf.mul(this.outKernel, this.outMask)), this.outBias);
      return tf.reshape(out, [b, cells, k]) as tf.Tensor3D;
    });
  }

  /** −log p(c) per grid [B], in nats. */
  nll(codes: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => {
      const logp = tf.logSoftmax(this.logits(codes));
      const picked = tf.mul(logp, tf.cast(tf.oneHot(codes, this.shape.k), 'float32'));
      return tf.neg(tf.sum(picked, [1, 2])) as tf.Tensor1D;
    });
  }

  /** The weights as stored: kernels with the masks applied, so the file holds exactly the model that was fitted. */
  weights(): CodePriorWeights {
    const read = (t: tf.Tensor) => tf.tidy(() => t.dataSync() as Float32Array).slice();
    const [inKernel, outKernel] = tf.tidy(() => [tf.mul(this.inKernel, this.inMask), tf.mul(this.outKernel, this.outMask)]);
    const w = { ...this.shape, inKernel: read(inKernel), inBias: read(this.inBias), outKernel: read(outKernel), outBias: read(this.outBias) };
    tf.dispose([inKernel, outKernel]);
    return w;
  }

  dispose(): void {
    tf.dispose([...this.variables, this.inMask, this.outMask]);
  }
}

/** Mean −log p(c) per grid over `grids` [n·cells] codes, in batches. */
export function meanNll(net: CodePriorNet, grids: Int32Array, batchSize = 256): number {
  const { cells } = net.shape;
  const n = grids.length / cells;
  let total = 0;
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    const s = tf.tidy(() => tf.sum(net.nll(tf.tensor2d(grids.subarray(start * cells, end * cells), [end - start, cells], 'int32'))));
    total += s.dataSync()[0];
    s.dispose();
  }
  return n ? total / n : 0;
}

/** log p̂(k) of the codes in `grids`, add-one smoothed: (count_k + 1) / (N + K). */
export function unigramLogFrequencies(grids: Int32Array, k: number): Float32Array {
  const counts = new Float64Array(k).fill(1);
  for (const c of grids) counts[c]++;
  const total = grids.length + k;
  return Float32Array.from(counts, (v) => Math.log(v / total));
}

/** Mean −Σ_i log p̂(c_i) per grid of `grids` under unigram log-frequencies (cells independent). */
export function unigramNll(logFreq: Float32Array, grids: Int32Array, cells: number): number {
  let total = 0;
  for (const c of grids) total -= logFreq[c];
  return grids.length ? total / (grids.length / cells) : 0;
}

export interface CodePriorTraining {
  hidden: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** After each epoch, with the mean training −log p(c) per grid; return true to stop early. */
  onEpoch?(epoch: number, trainNll: number): boolean | void | Promise<boolean | void>;
  /** Asked before every batch: true stops the fit there (a cancel need not wait for the epoch's end). */
  shouldStop?(): boolean;
}

/** Yield to the event loop every few batches and at every epoch's end, so a cancel message or a SIGINT gets through. */
const YIELD_EVERY = 8;
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Trains a MADE on code grids [n·cells] with Adam; the caller owns (disposes) the result, also when it stopped early. */
export async function trainCodePrior(grids: Int32Array, cells: number, k: number, o: CodePriorTraining): Promise<CodePriorNet> {
  const net = CodePriorNet.create({ cells, k, hidden: o.hidden }, o.seed, unigramLogFrequencies(grids, k));
  const adam = createAdam(o.learningRate);
  const rng = new Rng(o.seed + 1);
  const n = grids.length / cells;
  const batch = new Int32Array(Math.min(o.batchSize, n) * cells);
  try {
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      const order = rng.permutation(n);
      let total = 0;
      for (let start = 0, b = 1; start < n; start += o.batchSize, b++) {
        if (o.shouldStop?.()) return net;
        const end = Math.min(n, start + o.batchSize);
        for (let i = start; i < end; i++) batch.set(grids.subarray(order[i] * cells, (order[i] + 1) * cells), (i - start) * cells);
        const codes = tf.tensor2d(batch.subarray(0, (end - start) * cells), [end - start, cells], 'int32');
        const loss = adam.minimize(() => tf.mean(net.nll(codes)) as tf.Scalar, net.variables);
        total += loss.dataSync()[0] * (end - start);
        tf.dispose([codes, loss]);
        if (b % YIELD_EVERY === 0) await nextTurn();
      }
      if (await o.onEpoch?.(epoch, total / n)) break;
      await nextTurn();
    }
  } catch (err) {
    net.dispose();
    throw err;
  } finally {
    adam.dispose();
  }
  return net;
}
