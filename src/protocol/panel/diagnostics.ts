// KL diagnostics: KL per dimension, the collapse verdict and remedies, KL over epochs, the β schedule.
import { REMEDY_LABELS, REMEDY_NAMES } from '../remedies';
import { section } from './section';

export const diagnostics = section(
  'diagnostics',
  { heading: 'kl-h', active: 'active', bars: 'klbars', verdict: 'verdict', remedies: 'remedies', remediesNote: 'remedies-note', heatmap: 'klheat', beta: 'beta', betaNote: 'beta-note', table: 'kl-table', history: 'kl-history', historyNote: 'kl-history-note' },
  (id) => `<section aria-labelledby="${id.heading}"><h2 id="${id.heading}">KL per latent dimension <small id="${id.active}"></small></h2>
<div id="${id.bars}" class="klbars"></div><p id="${id.verdict}" class="note"></p>
<div class="controls" id="${id.remedies}"><span class="note">Remedies (each starts a new training run on the same data):</span>
${REMEDY_NAMES.map((r) => `<button data-remedy="${r}">${REMEDY_LABELS[r]}</button>`).join('')}</div>
<p id="${id.remediesNote}" class="note" hidden></p>
<p id="${id.historyNote}" class="note" hidden></p><div id="${id.history}">
<h3>KL per dimension over epochs <small>(rows z0…, columns epochs; brighter = more nats)</small></h3>
<canvas id="${id.heatmap}" width="10" height="10" role="img" aria-label="KL per dimension over epochs (the table below holds the values)"></canvas>
<h3>KL weight β per epoch <small id="${id.betaNote}"></small></h3>
<canvas id="${id.beta}" width="320" height="60" role="img" aria-label="KL weight β per epoch (the table below holds the values)"></canvas></div>
<details class="as-table"><summary>Show as table</summary><table id="${id.table}"></table></details></section>`,
);
