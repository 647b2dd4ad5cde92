import { parseArgs } from 'node:util';
import { accelerationInUse, describeAcceleration, initBackend } from '../engine/backend';
import { memoryUse, type MemoryUse } from '../engine/memoryUse';
import { DEFAULT_CODE_PRIOR } from '../shared/codePrior';
import { DEFAULT_FLOW_STEPS, DEFAULT_MODEL, DEFAULT_PRIOR_COMPONENTS, DEFAULT_VAEGAN, type CodePriorFit } from '../shared/types';
import { DEFAULT_TRAIN, DEFAULT_VALIDATION_FRACTION, FLAG_NAMES, readRunSettings } from '../shared/trainConfig';
import { runTraining } from '../training/runTraining';
import { joinNegativeNumbers, positiveInt, required, size, type CliIO } from './args';

export const trainHelp = `latent-explorer train <dataset> --out <modelDir> [options]
  Trains a VAE on a folder of PNG/JPEG images (one subfolder per class if labelled) or an *-idx3-ubyte[.gz] file.
  --out DIR            model folder to write (a checkpoint at every epoch end)
  --epochs N           (${DEFAULT_TRAIN.epochs})       --batch N       (${DEFAULT_TRAIN.batchSize})     --lr X   (${DEFAULT_TRAIN.learningRate})
  --latent D           (${DEFAULT_MODEL.latentDim})       --hidden 400[,200]  encoder layer sizes, decoder mirrors (${DEFAULT_MODEL.hidden.join(',')})
  --likelihood bernoulli|gaussian|laplace (${DEFAULT_MODEL.likelihood})   --scale S|learned  decoder σ or b (${DEFAULT_MODEL.decoderScale})
  --beta B             KL weight (${DEFAULT_TRAIN.beta})    --warmup EPOCHS  linear KL warm-up (${DEFAULT_TRAIN.warmupEpochs})
  --free-bits λ        free bits: each latent dimension's KL counts as at least λ nats (${DEFAULT_TRAIN.freeBits} = off)
  --kl-schedule warmup|cyclical (${DEFAULT_TRAIN.klSchedule})  cyclical: --cycles M (${DEFAULT_TRAIN.klCycles}) over the run, β rising over the first --ratio R (${DEFAULT_TRAIN.klRatio}) of each
  --net mlp|conv (mlp)  conv: stride-2 conv stages, then the --hidden dense layers (256 unless given)
  --model vae|cvae|iwae|vqvae|vaegan (vae)   cvae: conditioned on the label (subfolders or IDX labels); iwae: --k K importance samples (5)
  vqvae: conv encoder to a grid of codes: --codebook K (64) codes of --code-dim D (16), --commitment β (0.25), --ema (EMA codebook)
         --vq-prior ar|uniform (ar): after the epochs, fit an autoregressive prior (MADE) to the training codes' grids,
         --vq-prior-hidden H (${DEFAULT_CODE_PRIOR.hidden}) units, --vq-prior-epochs N (${DEFAULT_CODE_PRIOR.epochs}); samples then come from it;
         its progress goes to stderr; Ctrl+C during its fit keeps the trained VQ-VAE with the uniform prior (exit 130)
  vaegan: the conv VAE and a conv discriminator (Larsen et al. 2016); --gamma γ (${DEFAULT_VAEGAN.gamma}) weighs the decoder's reconstruction terms against its GAN loss
  --prior standard|mog|vamp (standard)  mog: a learnable mixture of Gaussians; vamp: the VampPrior (pseudo-inputs through the encoder)
  --prior-components K  mixture components / pseudo-inputs (mog ${DEFAULT_PRIOR_COMPONENTS.mog}, vamp ${DEFAULT_PRIOR_COMPONENTS.vamp})
  --flow none|planar|iaf (none)  a normalizing flow on q(z|x); --flow-steps N (planar ${DEFAULT_FLOW_STEPS.planar}, iaf ${DEFAULT_FLOW_STEPS.iaf}); KL by Monte Carlo
  --decoder mirror|pixelcnn (mirror)  pixelcnn: an autoregressive PixelCNN conditioned on z (gray images ≤ 32×32, bernoulli;
                       7 masked conv layers, receptive field 8 rows up and 8 columns either side); samples are drawn pixel by pixel
  --seed S  --limit N (use the first N images)  --size WxH  --validation F (${DEFAULT_VALIDATION_FRACTION})  --overwrite  --json`;

export async function runTrain(argv: string[], io: CliIO, signal: { stop: boolean }): Promise<number> {
  const options = {
    out: { type: 'string' }, epochs: { type: 'string' }, latent: { type: 'string' }, hidden: { type: 'string' },
    likelihood: { type: 'string' }, scale: { type: 'string' }, beta: { type: 'string' }, warmup: { type: 'string' }, 'free-bits': { type: 'string' },
    'kl-schedule': { type: 'string' }, cycles: { type: 'string' }, ratio: { type: 'string' }, model: { type: 'string' }, k: { type: 'string' }, net: { type: 'string' },
    codebook: { type: 'string' }, 'code-dim': { type: 'string' }, commitment: { type: 'string' }, ema: { type: 'boolean' }, gamma: { type: 'string' },
    'vq-prior': { type: 'string' }, 'vq-prior-hidden': { type: 'string' }, 'vq-prior-epochs': { type: 'string' },
    prior: { type: 'string' }, 'prior-components': { type: 'string' }, flow: { type: 'string' }, 'flow-steps': { type: 'string' }, decoder: { type: 'string' },
    batch: { type: 'string' }, lr: { type: 'string' }, seed: { type: 'string' }, limit: { type: 'string' },
    size: { type: 'string' }, validation: { type: 'string' }, overwrite: { type: 'boolean' }, json: { type: 'boolean' },
  } as const;
  const { values: o, positionals } = parseArgs({ args: joinNegativeNumbers(argv, options), allowPositionals: true, options });
  const dataset = required('<dataset>', positionals[0]);
  // each flag under the field it sets: the one validator (shared with settings and manifests) applies the
  // defaults and refuses a bad value naming the flag, before the backend starts or anything is read
  const flags = {
    epochs: o.epochs, batchSize: o.batch, learningRate: o.lr, beta: o.beta, warmupEpochs: o.warmup, freeBits: o['free-bits'], seed: o.seed,
    klSchedule: o['kl-schedule'], klCycles: o.cycles, klRatio: o.ratio, model: o.model, iwaeK: o.k, net: o.net,
    codebookSize: o.codebook, codeDim: o['code-dim'], commitment: o.commitment, ema: o.ema, gamma: o.gamma,
    codePrior: o['vq-prior'], codePriorHidden: o['vq-prior-hidden'], codePriorEpochs: o['vq-prior-epochs'],
    prior: o.prior, priorComponents: o['prior-components'], flow: o.flow, flowSteps: o['flow-steps'], decoder: o.decoder,
    latentDim: o.latent, hidden: o.hidden, likelihood: o.likelihood, decoderScale: o.scale, validationFraction: o.validation,
  };
  const settings = readRunSettings(flags, FLAG_NAMES);
  const backend = await initBackend();
  const acceleration = accelerationInUse();
  const memory: (MemoryUse & { epoch: number })[] = [];
  let codePrior = null as CodePriorFit | null;
  const outcome = await runTraining(
    {
      datasetPath: dataset,
      modelDir: required('--out', o.out),
      model: settings.model,
      train: settings.train,
      load: { limit: o.limit ? positiveInt('limit', o.limit, 0) : undefined, size: size(o.size) },
      validationFraction: settings.validationFraction,
      overwrite: o.overwrite ?? false,
    },
    {
      onLoaded: (report, split, model) => {
        io.err(`loaded ${report.loaded} images from ${report.root} (${split.train.count} train, ${split.validation.count} validation), ${model.config.inputShape.join('×')}, backend ${backend}, ${describeAcceleration(acceleration)}`);
        for (const s of report.skipped) io.err(`skipped ${s.path}: ${s.reason}`);
      },
      onEpoch: (m) => {
        // under node --expose-gc (the benchmark's memory run) collect first: RSS then shows what is retained, not
        // how much garbage V8 happened to be carrying at that moment (±5 MB between epochs otherwise)
        (globalThis as { gc?: () => void }).gc?.();
        const use = memoryUse();
        memory.push({ epoch: m.epoch, ...use });
        const v = m.validation ? ` val ${m.validation.negElbo.toFixed(2)}` : '';
        const cb = m.codebook ? `  codebook perplexity ${m.codebook.perplexity.toFixed(1)}, ${m.codebook.used}/${m.codebook.counts.length} used, ${m.codebook.restarted ?? 0} restarted` : '';
        const g = m.gan;
        const gan = g ? `  D ${g.discriminator.toFixed(3)} G ${g.generator.toFixed(3)} features ${g.featureMatching.toFixed(2)}  sharpness samples ${g.sharpness?.samples.toFixed(4)} recon ${g.sharpness?.reconstructions.toFixed(4)} data ${g.sharpness?.data.toFixed(4)}` : '';
        io.err(`epoch ${m.epoch}: −ELBO train ${m.train.negElbo.toFixed(2)}${v}  KL ${m.train.kl.toFixed(2)}  active ${m.train.activeUnits}/${m.train.klPerDim.length}  β ${m.beta.toFixed(3)}  ${m.samplesPerSec.toFixed(0)} samples/s  RSS ${(use.rssBytes / 2 ** 20).toFixed(0)} MiB, ${use.tensors} tensors${cb}${gan}`);
      },
      // the run's last phase, on stderr like the epochs (stdout stays the one JSON line under --json)
      onCodePriorStart: (p) => io.err(`fitting the code prior (${p.epochs} epochs): encoding the training images' code grids`),
      onCodePriorEpoch: (p) => io.err(`fitting the code prior: epoch ${p.epoch}/${p.epochs}, −log p(c) train ${p.trainNll.toFixed(2)} nats per grid`),
      onCodePrior: (fit) => {
        codePrior = fit;
        io.err(`code prior: −log p(c) ${fit.arNll.toFixed(2)} nats per grid on ${fit.testGrids} ${fit.testSplit} grids (unigram ${fit.unigramNll.toFixed(2)}, uniform ${fit.uniformNll.toFixed(2)}), ${fit.seconds.toFixed(0)} s`);
      },
      shouldStop: () => signal.stop,
    },
  );
  if (outcome.status === 'cancelled') io.err(outcome.epochs.length ? `cancelled: the checkpoint of epoch ${outcome.epochs.length} is kept in ${outcome.modelDir}` : 'cancelled before the first epoch finished: nothing was saved');
  const priorCancelled = outcome.codePrior === 'cancelled';
  if (priorCancelled) io.err(`cancelled while fitting the code prior: the trained VQ-VAE (${outcome.epochs.length} epoch${outcome.epochs.length === 1 ? '' : 's'}) is kept in ${outcome.modelDir}, with the uniform prior over codes`);
  if (o.json) {
    const sps = outcome.epochs.map((e) => e.samplesPerSec);
    io.out(
      JSON.stringify({
        model_dir: outcome.modelDir,
        model: outcome.model.model ?? 'vae',
        // the network ('mlp' | 'conv'); models from before the conv network existed are MLPs
        net: outcome.model.net ?? 'mlp',
        prior: outcome.model.prior ?? 'standard',
        flow: outcome.model.flow ?? 'none',
        decoder: outcome.model.decoder ?? 'mirror',
        status: outcome.status,
        epochs: outcome.epochs.length,
        backend,
        acceleration,
        // 'fused': the native MLP VAE step ran the training (engine/fusedVaeStep.ts); 'plain': tfjs ops
        train_step: outcome.step ?? 'plain',
        memory,
        samples_per_s: sps.length ? sps.reduce((a, b) => a + b, 0) / sps.length : null,
        final: outcome.epochs.at(-1) ?? null,
        skipped: outcome.report.skipped,
        n_train: outcome.nTrain,
        n_validation: outcome.nValidation,
        // a VQ-VAE's codebook use over the last epoch's training steps
        ...(outcome.model.model === 'vqvae'
          ? {
              codebook_perplexity: outcome.epochs.at(-1)?.codebook?.perplexity ?? null,
              codebook_used: outcome.epochs.at(-1)?.codebook?.used ?? null,
              // the prior over code grids: its held-out −log p(c) per grid next to the unigram's and the uniform's
              // (cancelled: true when a stop came during its fit and the model kept the uniform prior)
              code_prior: codePrior
                ? { kind: 'ar', nll: codePrior.arNll, unigram_nll: codePrior.unigramNll, uniform_nll: codePrior.uniformNll, test_grids: codePrior.testGrids, test_split: codePrior.testSplit, seconds: codePrior.seconds }
                : { kind: 'uniform', ...(priorCancelled ? { cancelled: true } : {}) },
            }
          : {}),
      }),
    );
  } else if (outcome.status === 'completed' && !priorCancelled) {
    io.err(`model written to ${outcome.modelDir}`);
  }
  // a stop during the prior's fit is a cancel too: the run did not do all it was asked to (the model is whole)
  return outcome.status === 'cancelled' || priorCancelled ? 130 : 0;
}
