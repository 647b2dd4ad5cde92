// Plain data shapes of the engine: what a model is, how it is trained, what is measured. JSON-safe, so the
// manifest, the worker protocol and the webview can carry them unchanged.

import type { OnnxModelSpec } from './onnxModel';

/** The decoder's observation model p(x|z). */
export type Likelihood = 'bernoulli' | 'gaussian' | 'laplace';

export interface ModelConfig {
  kind: 'mlp-vae';
  /** [height, width, channels] of one input image. */
  inputShape: [number, number, number];
  /** Encoder hidden layer sizes (ReLU); the decoder mirrors them. */
  hidden: number[];
  latentDim: number;
  likelihood: Likelihood;
  /**
   * Gaussian σ / Laplace b of the decoder, in pixel units of [0, 1]: a fixed number, or 'learned' (one
   * log-scale parameter per pixel, trained with the rest). Ignored for Bernoulli.
   */
  decoderScale: number | 'learned';
  /**
   * The networks (absent = 'mlp', as in manifests written before the conv network existed): 'mlp' is dense layers
   * of `hidden`; 'conv' is the conv stack of shared/networks/conv.ts with dense `hidden` layers after it.
   */
  net?: NetworkKind;
  /**
   * The variant (absent = 'vae', as in manifests written before variants existed): 'cvae' conditions encoder and
   * decoder on the one-hot label, 'iwae' trains on the importance-weighted bound with iwaeK samples.
   */
  model?: ModelVariant;
  /** IWAE: importance samples per image in the training objective (k = 1 is the VAE's objective). */
  iwaeK?: number;
  /** CVAE: the label names, in one-hot order (from the dataset's subfolders or IDX labels). */
  labels?: string[];
  /** VQ-VAE: K, the number of code vectors in the codebook. */
  codebookSize?: number;
  /** VQ-VAE: D, the size of one code vector (latentDim is then grid cells × D, the quantised grid flattened). */
  codeDim?: number;
  /** VQ-VAE: the commitment weight β_c of ‖z_e − sg[e]‖² (van den Oord et al. 2017 use 0.25). */
  commitment?: number;
  /** VQ-VAE: codebook updated by exponential moving averages (decay 0.99) instead of its gradient. */
  ema?: boolean;
  /**
   * VAE-GAN: γ, the weight of the reconstruction terms against the GAN loss in the decoder's objective
   * (Larsen et al. 2016: the decoder minimises γ·L_llike − L_GAN, the encoder L_prior + L_llike).
   */
  gamma?: number;
  /**
   * VQ-VAE: the prior over code grids (absent = 'uniform', as in models saved before the autoregressive prior):
   * 'ar' a MADE p(c) = Π p(c_i | c_<i) (shared/codePrior.ts) fitted to the training set's code grids after the
   * VQ-VAE's epochs. A saved model says 'ar' only once the prior is fitted (its weights are then in the file).
   */
  codePrior?: CodePriorKind;
  /** VQ-VAE 'ar' prior: hidden units H of the MADE. */
  codePriorHidden?: number;
  /** VQ-VAE 'ar' prior: epochs of its fit over the training set's code grids. */
  codePriorEpochs?: number;
  /** An imported ONNX model (model 'onnx'): its tensors' layout and names, what its decoder outputs. */
  onnx?: OnnxModelSpec;
  /**
   * The prior p(z) (absent = 'standard', N(0, I)): 'mog' a learnable mixture of priorComponents Gaussians, 'vamp'
   * the VampPrior (Tomczak & Welling 2018), 1/K Σ_k q(z|u_k) over priorComponents learnable pseudo-inputs u_k.
   */
  prior?: PriorKind;
  /** MoG / VampPrior: the number of components K (mixture components or pseudo-inputs). */
  priorComponents?: number;
  /**
   * A normalizing flow on the posterior's samples (absent = 'none'): 'planar' (Rezende & Mohamed 2015) or 'iaf'
   * (inverse autoregressive flow, Kingma et al. 2016), flowSteps steps.
   */
  flow?: FlowKind;
  /** Planar / IAF: the number of flow steps N. */
  flowSteps?: number;
  /**
   * The decoder (absent = 'mirror', as in manifests written before the PixelCNN existed): 'mirror' is the encoder's
   * networks in reverse; 'pixelcnn' an autoregressive PixelCNN conditioned on z (shared/networks/pixelcnn.ts),
   * whose samples are drawn pixel by pixel.
   */
  decoder?: DecoderKind;
}

/** ModelConfig.decoder. */
export type DecoderKind = 'mirror' | 'pixelcnn';

/** The decoder a configuration names; manifests from before the PixelCNN decode with the mirror networks. */
export function decoderKind(config: Pick<ModelConfig, 'decoder'>): DecoderKind {
  return config.decoder ?? 'mirror';
}

/** The decoder draws pixel by pixel (H·W network passes per image): only the job process samples it, never the page. */
export function isAutoregressive(config: Pick<ModelConfig, 'decoder'>): boolean {
  return decoderKind(config) === 'pixelcnn';
}

/** ModelConfig.codePrior. */
export type CodePriorKind = 'ar' | 'uniform';

/** How a VQ-VAE's autoregressive prior fits: held-out −log p(c) in nats per grid, next to the two baselines. */
export interface CodePriorFit {
  epochs: number;
  /** Code grids it was trained on, and those it was tested on (the validation split; the training set when empty). */
  trainGrids: number;
  testGrids: number;
  testSplit: 'validation' | 'train';
  /** −log p(c) per grid under the MADE. */
  arNll: number;
  /** Under the codes' frequencies in the training grids (add-one smoothed), every cell independent. */
  unigramNll: number;
  /** Under the uniform prior: cells · log K. */
  uniformNll: number;
  seconds: number;
}

/** ModelConfig.prior. */
export type PriorKind = 'standard' | 'mog' | 'vamp';
/** ModelConfig.flow. */
export type FlowKind = 'none' | 'planar' | 'iaf';

/** K when none is chosen: 10 mixture components; 50 pseudo-inputs (Tomczak & Welling used 500 on MNIST, at 10× the cost). */
export const DEFAULT_PRIOR_COMPONENTS: Readonly<Record<Exclude<PriorKind, 'standard'>, number>> = { mog: 10, vamp: 50 };
/** N when none is chosen (Kingma et al. 2016 used 2 IAF steps on MNIST; planar flows need more). */
export const DEFAULT_FLOW_STEPS: Readonly<Record<Exclude<FlowKind, 'none'>, number>> = { planar: 8, iaf: 2 };

/** The prior a configuration names; manifests from before priors existed have N(0, I). */
export function priorKind(config: Pick<ModelConfig, 'prior'>): PriorKind {
  return config.prior ?? 'standard';
}

/** The flow a configuration names; manifests from before flows existed have none. */
export function flowKind(config: Pick<ModelConfig, 'flow'>): FlowKind {
  return config.flow ?? 'none';
}

/** The KL term has no closed form (a mixture prior or a flow): the model estimates it by Monte Carlo. */
export function hasMonteCarloKl(config: Pick<ModelConfig, 'prior' | 'flow'>): boolean {
  return priorKind(config) !== 'standard' || flowKind(config) !== 'none';
}

/** 'onnx': a VAE imported from ONNX files (shared/onnxModel.ts), explored but not trained here. */
export type ModelVariant = 'vae' | 'cvae' | 'iwae' | 'vqvae' | 'vaegan' | 'onnx';

/** ModelConfig.net: the networks' kind. */
export type NetworkKind = 'mlp' | 'conv';

/** The dense layers of a conv network when none are chosen: the reference conv VAE's one layer of 256. */
export const DEFAULT_CONV_HIDDEN: readonly number[] = [256];

/** IWAE's k when none is chosen: the seed guide's and Burda et al.'s k = 5. */
export const DEFAULT_IWAE_K = 5;

/** VQ-VAE defaults when none are chosen: K = 64 codes of D = 16, commitment 0.25 (van den Oord et al. 2017). */
export const DEFAULT_VQ = { codebookSize: 64, codeDim: 16, commitment: 0.25 } as const;

/** VAE-GAN default γ (MODELS.md's VAE-GAN section trains with it). */
export const DEFAULT_VAEGAN = { gamma: 0.1 } as const;

/**
 * A VAE-GAN's epoch (models/vaegan/): the means over its training steps of the three losses (nats per image) and of
 * the discriminator's outputs, and the sharpness (variance of the Laplacian) of prior samples, reconstructions and
 * the same data images at the epoch's end.
 */
export interface GanStats {
  /** −[log D(x) + log(1 − D(x̃)) + log(1 − D(x_p))]: what the discriminator minimises. */
  discriminator: number;
  /** −log D(x̃) − log D(x_p): the decoder's GAN loss (non-saturating form). */
  generator: number;
  /** ½‖Dis_l(x) − Dis_l(x̃)‖²: the reconstruction error on the discriminator's features. */
  featureMatching: number;
  /** Mean D(x) on data and D(x_p) on prior samples (½ each when the discriminator cannot tell them apart). */
  realScore: number;
  fakeScore: number;
  sharpness?: { samples: number; reconstructions: number; data: number; nImages: number };
}

/**
 * How a VQ-VAE used its codebook over a pass: the count of each code, the perplexity exp(−Σ p_k log p_k) of the
 * code frequencies p (K when every code is used equally, 1 when one code takes all) and how many codes were used.
 */
export interface CodebookStats {
  perplexity: number;
  used: number;
  /** Assignments per code over the pass (length K). */
  counts: number[];
  /** Codes restarted from encoder outputs during the epoch (training only; dead codes). */
  restarted?: number;
  /** Mean per image of ‖z_e − sg[e]‖² summed over the grid (the commitment term before its weight). */
  commitment?: number;
}

/** The variant a configuration names; manifests from before variants existed are plain VAEs. */
export function modelVariant(config: Pick<ModelConfig, 'model'>): ModelVariant {
  return config.model ?? 'vae';
}

// TrainConfig and its defaults live with their validator; re-exported so that existing imports keep working
export { DEFAULT_TRAIN, type TrainConfig } from './trainConfig';

/** Averages per image, in nats. */
export interface SplitMetrics {
  /** −ELBO = recon + kl (unweighted by β: the true bound). */
  negElbo: number;
  /** −E_q[log p(x|z)], one sample of z. */
  recon: number;
  /** KL(q(z|x) || N(0, I)), analytic. */
  kl: number;
  /** KL per latent dimension; sums to kl. */
  klPerDim: number[];
  /** Dimensions whose Var_x(E[z|x]) > 0.01. */
  activeUnits: number;
}

export interface EpochMetrics {
  /** 1-based. */
  epoch: number;
  /** KL weight used during this epoch (after warm-up scheduling). */
  beta: number;
  train: SplitMetrics;
  validation: SplitMetrics | null;
  /** Wall time of the epoch's training steps, seconds. */
  seconds: number;
  samplesPerSec: number;
  /** VQ-VAE only: codebook usage over the epoch's training steps. */
  codebook?: CodebookStats;
  /** VAE-GAN only: its discriminator and generator losses and the sharpness of its images. */
  gan?: GanStats;
}

export interface EvalMetrics extends SplitMetrics {
  nImages: number;
  /** −log p(x) estimated by the importance-weighted bound with iwaeK samples (nats per image). */
  iwaeNll: number | null;
  iwaeK: number | null;
  /** VQ-VAE only: codebook usage over the evaluated images. */
  codebook?: CodebookStats;
}

export const DEFAULT_MODEL: Omit<ModelConfig, 'inputShape'> = {
  kind: 'mlp-vae',
  hidden: [400],
  latentDim: 20,
  likelihood: 'bernoulli',
  decoderScale: 0.1,
};
