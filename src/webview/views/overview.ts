// The header: name, status line (epoch, notice), the model's facts, and Cancel while it trains.
import { overview as section } from '../../protocol/panel';
import { convStages } from '../../shared/networks/conv';
import type { ModelConfig } from '../../shared/types';
import { el } from '../dom';
import type { View } from './view';

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
  if (m.model === 'cvae') return `Conditional VAE on ${m.labels?.length ?? 0} labels (${(m.labels ?? []).slice(0, 6).join(', ')}${(m.labels?.length ?? 0) > 6 ? ', …' : ''})`;
  if (m.model === 'iwae') return `IWAE, trained on the importance-weighted bound with k = ${m.iwaeK} samples`;
  return 'VAE, trained on the ELBO';
}

export const overviewView: View = {
  uses: ['summary', 'epochs', 'notice'],
  render({ summary: s, epochs, notice }) {
    const facts = el(id.facts);
    facts.replaceChildren();
    el(id.cancel).hidden = s?.status !== 'training';
    if (!s) {
      el(id.status).textContent = 'Waiting for the model…';
      return;
    }
    el(id.title).textContent = `VAE: ${s.name}`;
    const last = epochs.at(-1);
    el(id.status).textContent = `${s.status}${last ? ` — epoch ${last.epoch}/${s.training.epochs}` : ''}${notice ? ` — ${notice}` : ''}`;
    const m = s.model;
    fact(facts, 'Model', variantText(m));
    fact(facts, 'Architecture', m.net === 'conv' ? `Conv ${m.inputShape.join('×')} → conv ${convStages(m.inputShape).map((st) => st.outShape.join('×')).join(' → ')} → ${[...m.hidden, m.latentDim].join('-')}, decoder mirrored (transposed convs)` : `MLP ${m.inputShape.join('×')} → ${[...m.hidden, m.latentDim].join('-')} → ${[...m.hidden].reverse().join('-')}`);
    fact(facts, 'Decoder', m.likelihood === 'bernoulli' ? 'Bernoulli' : `${m.likelihood} (scale ${m.decoderScale})`);
    const t = s.training;
    const schedule = t.klSchedule === 'cyclical' ? `, cyclical: ${t.klCycles} cycles, rising over the first ${t.klRatio} of each` : t.warmupEpochs ? `, warm-up ${t.warmupEpochs} epochs` : '';
    fact(facts, 'KL weight', `β = ${t.beta}${schedule}${t.freeBits ? `, free bits ${t.freeBits} nats/dim` : ''}`);
    fact(facts, 'Training', `${t.epochs} epochs, batch ${t.batchSize}, Adam lr ${t.learningRate}`);
    const d = s.dataset;
    fact(facts, 'Dataset', `${d.count} images (${d.trainCount} train, ${d.validationCount} validation)${d.labelNames.length ? `, ${d.labelNames.length} classes` : ''}`);
    if (last) fact(facts, '−ELBO', `${last.train.negElbo.toFixed(2)} train${last.validation ? `, ${last.validation.negElbo.toFixed(2)} validation` : ''} nats`);
  },
  listen({ send }) {
    el(id.cancel).addEventListener('click', () => send({ type: 'cancelTraining' }));
  },
};
