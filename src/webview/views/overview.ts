// The header: name, status line (epoch, notice), the model's facts, and Cancel while it trains.
import { overview as section } from '../../protocol/panel';
import { convStages } from '../../shared/networks/conv';
import type { ModelConfig } from '../../shared/types';
import { el } from '../dom';
import type { PageState } from '../state';
import { ganSharpnessText } from './adversarial';
import type { View } from './view';
import { l10n } from '../l10n';

const id = section.ids;

function fact(dl: HTMLElement, term: string, value: string): void {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value;
  dl.append(dt, dd);
}

/** The variant in words (ModelConfig.model; absent: a VAE). */
function variantText(m: ModelConfig): string {
  if (m.model === 'cvae') return l10n.t('Conditional VAE on {0} labels ({1})', m.labels?.length ?? 0, `${(m.labels ?? []).slice(0, 6).join(', ')}${(m.labels?.length ?? 0) > 6 ? ', …' : ''}`);
  if (m.model === 'vqvae') return l10n.t('VQ-VAE with K = {0} codes of D = {1} (commitment {2}{3}), trained on reconstruction + codebook + commitment losses', String(m.codebookSize), String(m.codeDim), String(m.commitment), m.ema ? l10n.t(', EMA updates') : '');
  if (m.model === 'vaegan') return l10n.t('VAE-GAN (Larsen et al. 2016): the conv VAE and a conv discriminator, γ = {0}. Encoder: KL + pixel and feature reconstruction; decoder: γ·reconstruction + GAN loss; discriminator: data against reconstructions and prior samples', String(m.gamma));
  if (m.model === 'iwae') return l10n.t('IWAE, trained on the importance-weighted bound with k = {0} samples', String(m.iwaeK));
  return l10n.t('VAE, trained on the ELBO');
}

/** An imported model: its files and their producers, and what the tool cannot know (it was trained elsewhere). */
function importedFacts(facts: HTMLElement, s: NonNullable<PageState['summary']>): void {
  const m = s.model;
  const o = s.imported!;
  const origin = (e: typeof o.encoder) => `${e.source} (${e.producerName || '?'} ${e.producerVersion}, opset ${e.opset ?? '?'}, IR ${e.irVersion})`;
  fact(facts, l10n.t('Model'), l10n.t('VAE imported from ONNX'));
  fact(facts, l10n.t('Encoder'), origin(o.encoder));
  fact(facts, l10n.t('Decoder'), `${origin(o.decoder)}, ${m.likelihood === 'bernoulli' ? 'Bernoulli' : l10n.t('{0} (scale {1})', m.likelihood, m.decoderScale)}, ${m.onnx?.decoderOutput ?? ''}`);
  fact(facts, l10n.t('Architecture'), `${(m.onnx?.layout ?? 'nchw').toUpperCase()} ${m.inputShape.join('×')} → ${m.latentDim}`);
  fact(facts, l10n.t('Training'), l10n.t('trained elsewhere: its training curves, β schedule and per-epoch KL are not known here; Evaluate Model measures −ELBO and the IWAE bound on the data'));
  const d = s.dataset;
  fact(facts, l10n.t('Dataset'), d.root ? `${l10n.t('{0} images ({1} train, {2} validation)', d.count, d.trainCount, d.validationCount)}${d.labelNames.length ? l10n.t(', {0} classes', d.labelNames.length) : ''}` : l10n.t('none given at import (--data): reconstructions, the latent map and evaluation need one'));
  // what the tool could measure itself: one pass over the data at import (or Evaluate Model's figures, later)
  const e = s.evaluation;
  if (e) fact(facts, '−ELBO', `${l10n.t('{0} nats (reconstruction {1}, KL {2})', e.negElbo.toFixed(2), e.recon.toFixed(2), e.kl.toFixed(2))}, ${e.iwaeK === null ? l10n.t('measured on {0} images at import', e.nImages) : l10n.t('measured on {0} images by Evaluate Model', e.nImages)}`);
}

export const overviewView: View = {
  uses: ['summary', 'epochs', 'notice'],
  render({ summary: s, epochs, notice }) {
    const facts = el(id.facts);
    facts.replaceChildren();
    el(id.cancel).hidden = s?.status !== 'training';
    if (!s) {
      el(id.status).textContent = l10n.t('Waiting for the model…');
      return;
    }
    el(id.title).textContent = `VAE: ${s.name}`;
    const last = epochs.at(-1);
    el(id.status).textContent = `${l10n.t(s.status)}${last ? ` — ${l10n.t('epoch {0}/{1}', last.epoch, s.training.epochs)}` : ''}${notice ? ` — ${notice}` : ''}`;
    const m = s.model;
    if (s.imported) return importedFacts(facts, s);
    fact(facts, l10n.t('Model'), variantText(m));
    fact(facts, l10n.t('Architecture'), m.net === 'conv' ? `Conv ${m.inputShape.join('×')} → conv ${convStages(m.inputShape).map((st) => st.outShape.join('×')).join(' → ')} → ${[...m.hidden, m.latentDim].join('-')}, ${l10n.t('decoder mirrored (transposed convs)')}` : `MLP ${m.inputShape.join('×')} → ${[...m.hidden, m.latentDim].join('-')} → ${[...m.hidden].reverse().join('-')}`);
    fact(facts, l10n.t('Decoder'), m.likelihood === 'bernoulli' ? 'Bernoulli' : l10n.t('{0} (scale {1})', m.likelihood, m.decoderScale));
    const t = s.training;
    const schedule = t.klSchedule === 'cyclical' ? l10n.t(', cyclical: {0} cycles, rising over the first {1} of each', String(t.klCycles), String(t.klRatio)) : t.warmupEpochs ? l10n.t(', warm-up {0} epochs', t.warmupEpochs) : '';
    fact(facts, l10n.t('KL weight'), `β = ${t.beta}${schedule}${t.freeBits ? l10n.t(', free bits {0} nats/dim', t.freeBits) : ''}`);
    fact(facts, l10n.t('Training'), l10n.t('{0} epochs, batch {1}, Adam lr {2}', t.epochs, t.batchSize, t.learningRate));
    const d = s.dataset;
    fact(facts, l10n.t('Dataset'), `${l10n.t('{0} images ({1} train, {2} validation)', d.count, d.trainCount, d.validationCount)}${d.labelNames.length ? l10n.t(', {0} classes', d.labelNames.length) : ''}`);
    const sharp = ganSharpnessText(epochs);
    if (sharp) fact(facts, l10n.t('Sharpness'), sharp);
    if (last) fact(facts, '−ELBO', `${last.train.negElbo.toFixed(2)} train${last.validation ? `, ${last.validation.negElbo.toFixed(2)} validation` : ''} nats`);
  },
  listen({ send }) {
    el(id.cancel).addEventListener('click', () => send({ type: 'cancelTraining' }));
    el(id.exportLatents).addEventListener('click', () => send({ type: 'exportLatents' }));
  },
};
