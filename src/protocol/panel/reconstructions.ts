// Reconstructions: inputs above outputs, a spread of the dataset or the worst reconstructed first.
import { section } from './section';

export const reconstructions = section(
  'reconstructions',
  { heading: 'rec-h', canvas: 'recon', note: 'recon-note', /** radio-group name */ order: 'rec-order' },
  (id) => `<section aria-labelledby="${id.heading}"><h2 id="${id.heading}">Reconstructions <small>(top: input, bottom: output)</small></h2>
<div class="controls"><label><input type="radio" name="${id.order}" value="spread" checked> a spread of images</label>
<label><input type="radio" name="${id.order}" value="worst"> worst reconstructed first (anomaly candidates)</label></div>
<canvas id="${id.canvas}" width="10" height="10" tabindex="0" role="button" aria-label="Reconstructions: arrow keys choose an image, Enter opens its file" aria-describedby="${id.note}"></canvas><p id="${id.note}" class="note"></p></section>`,
);
