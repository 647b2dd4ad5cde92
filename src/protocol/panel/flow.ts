// A flow posterior's own section (planar or IAF; hidden without a flow): for a chosen image, posterior samples of
// two chosen dimensions before the flow (z_0 ∼ q_0) and after it (z_K = f(z_0)), next to q_0's ellipses.
import { section } from './section';

export const flow = section(
  'flow',
  {
    section: 'flow', heading: 'flow-h', note: 'flow-note', image: 'flow-image', dimX: 'flow-x', dimY: 'flow-y', reroll: 'flow-reroll',
    thumb: 'flow-thumb', before: 'flow-before', after: 'flow-after', table: 'flow-table', kl: 'flow-kl', decodes: 'flow-decodes',
  },
  (id) => `<section id="${id.section}" aria-labelledby="${id.heading}" hidden><h2 id="${id.heading}">Posterior before and after the flow <small id="${id.note}"></small></h2>
<div class="controls"><label for="${id.image}">Image</label><select id="${id.image}"></select>
<label for="${id.dimX}">Horizontal dimension</label><select id="${id.dimX}"></select>
<label for="${id.dimY}">Vertical dimension</label><select id="${id.dimY}"></select><button id="${id.reroll}">Re-roll</button></div>
<div class="side-by-side"><figure><figcaption>image</figcaption><canvas id="${id.thumb}" width="10" height="10" role="img" aria-label="The chosen image"></canvas></figure>
<figure><figcaption>before the flow: z_0 ∼ q_0(z|x) = N(μ, σ²)</figcaption><canvas id="${id.before}" width="260" height="260" role="img" aria-label="Posterior samples before the flow (Show as table holds their summary)"></canvas></figure>
<figure><figcaption>after the flow: z_K = f(z_0)</figcaption><canvas id="${id.after}" width="260" height="260" role="img" aria-label="Posterior samples after the flow (Show as table holds their summary)"></canvas></figure></div>
<p class="note">Solid lines: the 1σ and 2σ ellipses of the Gaussian q_0 (they hold 39.3 % and 86.5 % of its mass). Dashed: the 1σ and 2σ ellipses of a Gaussian fitted to the samples after the flow; the cross is f(μ). Both plots share their axes.</p>
<details class="as-table"><summary>Show as table</summary><table id="${id.table}"></table></details>
<p id="${id.kl}" class="note" aria-live="polite"></p>
<p id="${id.decodes}" class="note">With a flow, KL(q(z|x) ‖ p(z)) has no closed form: this model estimates it by Monte Carlo, the mean of log q_0(z_0) − Σ_k log |det ∂f_k/∂z_k−1| − log p(z_K) over samples (one per image in training). Interpolation and traversal of this model decode z_K = f(μ), the flow applied to the encoder’s mean, as the command line’s reconstructions and the panel’s reconstructions do.</p></section>`,
);
