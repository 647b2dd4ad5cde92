// Samples decoded in the page, side by side: from the prior, and from the aggregate posterior (a Gaussian mixture
// fitted to the dataset's μ by the job process). Temperature, re-roll, mixture size, export.
import { section } from './section';

export const samples = section(
  'samples',
  {
    heading: 'samples-h', note: 'samples-note', temperature: 'temperature', temperatureValue: 'temperature-value', reroll: 'reroll', export: 'export-samples', canvas: 'samples',
    components: 'mixture-k', sharpness: 'samples-sharpness', aggregate: 'samples-agg', aggregateNote: 'samples-agg-note', why: 'samples-why', priorCaption: 'samples-prior',
  },
  (id) => `<section aria-labelledby="${id.heading}"><h2 id="${id.heading}">Samples from the prior and the aggregate posterior <small id="${id.note}"></small></h2>
<div class="controls"><label for="${id.temperature}">Temperature</label>
<input id="${id.temperature}" type="range" min="0.1" max="2" step="0.1" value="1"><output id="${id.temperatureValue}" for="${id.temperature}">1.0</output>
<button id="${id.reroll}">Re-roll</button><button id="${id.export}">Export PNG…</button>
<label for="${id.components}">Mixture components</label><select id="${id.components}"><option value="0">chosen by BIC</option><option value="1">1</option><option value="2">2</option><option value="3">3</option><option value="5">5</option><option value="10">10</option><option value="20">20</option></select></div>
<p id="${id.why}" class="note">The decoder only learnt the regions of latent space where the data’s codes lie; the prior also covers the gaps between them (the “prior hole”, Hoffman and Johnson 2016), so samples from a mixture fitted to the μ’s usually look more like the data.</p>
<p id="${id.sharpness}" class="note" aria-live="polite"></p>
<div class="side-by-side"><figure><figcaption id="${id.priorCaption}">prior z ∼ N(0, I)</figcaption><canvas id="${id.canvas}" width="10" height="10" role="img" aria-label="Samples from the prior"></canvas></figure>
<figure><figcaption>aggregate posterior: a Gaussian mixture fitted to the dataset’s μ <span id="${id.aggregateNote}"></span></figcaption><canvas id="${id.aggregate}" width="10" height="10" role="img" aria-label="Samples from the aggregate posterior"></canvas></figure></div></section>`,
);
