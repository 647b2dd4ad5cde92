// The VQ-VAE (van den Oord et al. 2017): a conv encoder to a grid of D-dim vectors z_e, each replaced by its
// nearest code e_k of a learned codebook [K, D] (quantize.ts), the decoder the conv mirror reading the quantised
// grid z_q. Trained on −log p(x|z_q) + ‖sg[z_e] − e‖² + β_c‖z_e − sg[e]‖² with the straight-through gradient; with
// --ema the codebook follows moving averages instead of its gradient (codebookState.ts, which also seeds the
// codebook from the data and restarts dead codes).
//
// No Gaussian posterior: q(z|x) is one-hot (deterministic) over the codes at every cell. With a uniform prior
// over the K codes the bound log p(x) ≥ E[log p(x|z_q)] − KL(q‖p) holds with KL = log K per cell exactly, so the
// "KL" this model reports is cells · log K (spread evenly over the latent coordinates so the training loop's
// per-dimension sums add up to it) and its "−ELBO" is that true bound. The model's latent z is the quantised grid
// flattened (NHWC, cells × D): encode's μ is z_q, and every decode path (reconstructions, the page) reads it.
import * as tf from '@tensorflow/tfjs-core';
import { describeModel, validateConfig } from '../../../shared/architecture';
import { runNetwork } from '../../../shared/network';
import { CODE_PRIOR_WEIGHTS, codePriorFrom, sampleCodeGrids, type CodePriorWeights } from '../../../shared/codePrior';
import { Rng } from '../../../shared/rng';
import { DEFAULT_VQ, type ModelConfig } from '../../../shared/types';
import type { ElboTerms } from '../../elbo';
import { engineOps, initialWeights } from '../../networks/mlp';
import { checkWeights, type Posterior, type TrainingStepper } from '../base';
import { Vae } from '../vae/vae';
import { CodebookState, kmeansPlusPlus, uniformCodebook } from './codebookState';
import { quantise, straightThrough, vqLossTerms } from './quantize';

/** log σ² reported for the deterministic posterior (σ ≈ 5·10⁻⁸): it has no spread. */
const POINT_LOGVAR = -33;

export interface VqTrainingOptions {
  /** 'data' (default): k-means++ over the first batch's encoder outputs; 'uniform': the textbook ±1/K. */
  init: 'data' | 'uniform';
  /** Restart codes unused for a while (default true). */
  restart: boolean;
  /** Steps between checks for dead codes (default codebookState's restartEvery). */
  restartEvery?: number;
}

export class VqVae extends Vae {
  private options: VqTrainingOptions = { init: 'data', restart: true };
  private state: CodebookState | null = null;
  private kept: tf.Tensor[] | null = null;
  private keptImages = 0;
  private readonly rng = new Rng(0x7ec);

  static override create(config: ModelConfig, seed: number, options?: Partial<VqTrainingOptions>): VqVae {
    validateConfig(config);
    const m = new VqVae(config, initialWeights(describeModel(config), new Rng(seed)));
    m.options = { ...m.options, ...options };
    return m;
  }

  static override fromWeights(config: ModelConfig, weights: Map<string, Float32Array>): VqVae {
    validateConfig(config);
    checkWeights(config, weights);
    return new VqVae(config, weights);
  }

  get codebookSize(): number {
    return this.config.codebookSize ?? DEFAULT_VQ.codebookSize;
  }

  get codeDim(): number {
    return this.config.codeDim ?? DEFAULT_VQ.codeDim;
  }

  /** Grid cells per image. */
  get cells(): number {
    const [h, w] = this.architecture.codebook!.grid;
    return h * w;
  }

  get codebook(): tf.Variable {
    return this.vars.get(this.architecture.codebook!.name)!;
  }

  /** z_e as rows [B·cells, D], cell by cell of each image in turn. */
  encodeRows(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.reshape(runNetwork(this.architecture.encoder, this.weight, x, engineOps, true), [-1, this.codeDim]) as tf.Tensor2D);
  }

  /** The code of every cell [B·cells] (int32). */
  codesOf(x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => quantise(this.encodeRows(x), this.codebook as tf.Tensor2D).codes);
  }

  /** μ = z_q, the quantised grid flattened; logvar a point mass's (see POINT_LOGVAR). */
  override encode(x: tf.Tensor2D): Posterior {
    return tf.tidy(() => {
      const { zq } = quantise(this.encodeRows(x), this.codebook as tf.Tensor2D);
      const mu = tf.reshape(zq, [x.shape[0], this.config.latentDim]) as tf.Tensor2D;
      return { mu, logvar: tf.fill(mu.shape, POINT_LOGVAR) as tf.Tensor2D };
    });
  }

  /** q(z|x) is a point: z = μ. */
  override reparameterize(posterior: Posterior): tf.Tensor2D {
    return tf.clone(posterior.mu);
  }

  override lossTerms(x: tf.Tensor2D): ElboTerms {
    return tf.tidy(() => {
      const b = x.shape[0];
      const ze = this.encodeRows(x);
      const { codes, zq } = quantise(ze, this.codebook as tf.Tensor2D);
      const z = tf.reshape(straightThrough(ze, zq), [b, this.config.latentDim]) as tf.Tensor2D;
      const recon = tf.neg(this.logLikelihood(x, this.decodeRaw(z))) as tf.Tensor1D;
      const { codebook, commitment } = vqLossTerms(ze, zq, this.cells);
      const beta = this.config.commitment ?? DEFAULT_VQ.commitment;
      // with EMA updates the codebook is not a trainable variable: its loss term would move nothing
      const loss = (this.config.ema ? tf.mul(beta, commitment) : tf.add(codebook, tf.mul(beta, commitment))) as tf.Tensor1D;
      const klPerDim = tf.fill([b, this.config.latentDim], (this.cells * Math.log(this.codebookSize)) / this.config.latentDim) as tf.Tensor2D;
      return { recon, klPerDim, mu: tf.reshape(zq, [b, this.config.latentDim]) as tf.Tensor2D, vq: { loss, commitment, codes, ze } };
    });
  }

  override trainableVariables(): tf.Variable[] {
    // the autoregressive prior is fitted afterwards, on the trained encoder's codes (codePrior.ts), never by this loss
    const prior = new Set<string>(Object.values(CODE_PRIOR_WEIGHTS));
    const all = [...this.vars].filter(([name]) => !prior.has(name)).map(([, v]) => v);
    return this.config.ema ? all.filter((v) => v !== this.codebook) : all;
  }

  /** The fitted autoregressive prior over code grids, or null when the model samples the uniform prior. */
  codePrior(): CodePriorWeights | null {
    const p = this.architecture.codebook!.prior;
    if (!p) return null;
    const weights = new Map(Object.values(CODE_PRIOR_WEIGHTS).map((name) => [name, this.vars.get(name)!.dataSync() as Float32Array]));
    return codePriorFrom(weights, this.cells, this.codebookSize, p.hidden);
  }

  /**
   * n grids of codes [n·cells] from the model's prior: the autoregressive one cell by cell at temperature T when
   * fitted, else every cell uniform over the K codes (T does not apply).
   */
  sampleCodes(n: number, seed: number, temperature: number): Int32Array {
    const prior = this.codePrior();
    if (prior) return sampleCodeGrids(prior, n, temperature, seed);
    const rng = new Rng(seed);
    return Int32Array.from({ length: n * this.cells }, () => Math.floor(rng.next() * this.codebookSize));
  }

  /** z_q of grids drawn from the prior over codes (sampleCodes), flattened as the decoder reads it. */
  override samplePriorLatents(n: number, seed: number, temperature: number): tf.Tensor2D {
    const codes = this.sampleCodes(n, seed, temperature);
    return tf.tidy(() => tf.reshape(tf.gather(this.codebook, tf.tensor1d(codes, 'int32')), [n, this.config.latentDim]) as tf.Tensor2D);
  }

  readonly stepper: TrainingStepper = {
    start: (x, seed) => {
      const rng = new Rng(seed);
      const { codebookSize: k, codeDim: d } = this;
      let values: Float32Array;
      if (this.options.init === 'uniform') values = uniformCodebook(k, d, rng);
      else {
        const rows = this.encodeRows(x);
        values = kmeansPlusPlus(rows.dataSync() as Float32Array, rows.shape[0], k, d, rng);
        rows.dispose();
      }
      tf.tidy(() => this.codebook.assign(tf.tensor2d(values, [k, d])));
      this.state = new CodebookState(k, d, { ema: this.config.ema ?? false, restart: this.options.restart, restartEvery: this.options.restartEvery }, values);
    },
    observe: (terms) => {
      if (!terms.vq) return;
      this.keptImages = terms.recon.shape[0];
      this.kept = [terms.vq.codes, terms.vq.ze, tf.sum(terms.vq.commitment)].map((t) => tf.keep(t));
    },
    afterStep: () => {
      if (!this.kept || !this.state) return;
      const [codes, ze, commitment] = this.kept;
      const next = this.state.observe(
        codes.dataSync() as Int32Array,
        ze.dataSync() as Float32Array,
        this.codebook.dataSync() as Float32Array,
        this.keptImages,
        commitment.dataSync()[0],
        this.rng,
      );
      tf.dispose(this.kept);
      this.kept = null;
      if (next) tf.tidy(() => this.codebook.assign(tf.tensor2d(next, [this.codebookSize, this.codeDim])));
    },
    endEpoch: () => (this.state ? { codebook: this.state.endEpoch() } : {}),
  };

  override dispose(): void {
    if (this.kept) tf.dispose(this.kept);
    super.dispose();
  }
}
