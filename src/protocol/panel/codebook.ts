// A VQ-VAE's own section: codebook usage (assignments per code, dead codes marked) and its perplexity over
// epochs, the code grid of a chosen image (each cell a button: its code; Enter or a click puts the chosen
// replacement code there and the page decodes the edited grid). Hidden for other models.
import { section } from './section';

export const codebook = section(
  'codebook',
  {
    section: 'vq', heading: 'vq-h', note: 'vq-note', hist: 'vq-hist', usage: 'vq-usage', perplexity: 'vq-perplexity', table: 'vq-table',
    image: 'vq-image', swap: 'vq-swap', reset: 'vq-reset', grid: 'vq-grid', original: 'vq-original', decoded: 'vq-decoded', cell: 'vq-cell',
  },
  (id) => `<section id="${id.section}" aria-labelledby="${id.heading}" hidden><h2 id="${id.heading}">Codebook <small id="${id.note}"></small></h2>
<h3>Code usage in the last epoch <small>(assignments per code; dead codes marked below the axis)</small></h3>
<canvas id="${id.hist}" width="640" height="120" role="img" aria-label="Codebook usage per code (the table below holds the values)"></canvas>
<p id="${id.usage}" class="note"></p>
<h3>Perplexity per epoch <small>(exp of the entropy of code use: K when every code is used equally, 1 when one code takes all)</small></h3>
<canvas id="${id.perplexity}" width="320" height="60" role="img" aria-label="Codebook perplexity per epoch (the table below holds the values)"></canvas>
<details class="as-table"><summary>Show as table</summary><table id="${id.table}"></table></details>
<h3>Code grid of an image</h3>
<div class="controls"><label for="${id.image}">Image of the reconstructions</label><input id="${id.image}" type="number" min="1" value="1">
<label for="${id.swap}">Replacement code</label><input id="${id.swap}" type="number" min="0" value="0"><button id="${id.reset}">Reset to the encoder’s codes</button></div>
<div class="vq-pair"><div id="${id.grid}" class="vq-grid" role="group" aria-label="Code grid: each button is a cell showing its code; Enter puts the replacement code there"></div>
<canvas id="${id.original}" width="10" height="10" role="img" aria-label="The chosen image"></canvas>
<canvas id="${id.decoded}" width="10" height="10" role="img" aria-label="The code grid decoded in this page"></canvas></div>
<p id="${id.cell}" class="note" aria-live="polite"></p></section>`,
);
