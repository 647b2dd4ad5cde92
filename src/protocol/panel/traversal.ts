// Latent traversals: one row per dimension, highest KL first, over a range the user chooses.
import { section } from './section';

export const traversal = section(
  'traversal',
  { heading: 'trav-h', /** radio-group name */ center: 'trav-center', range: 'trav-range', rangeNote: 'trav-range-note', labels: 'trav-labels', canvas: 'traverse', note: 'trav-note' },
  (id) => `<section aria-labelledby="${id.heading}"><h2 id="${id.heading}">Traverse <small>(each row one latent dimension, highest KL first)</small></h2>
<div class="controls"><label><input type="radio" name="${id.center}" value="image" checked> around image A</label>
<label><input type="radio" name="${id.center}" value="origin"> around the origin</label>
<label for="${id.range}">Range</label><select id="${id.range}">
<option value="sigma:1">prior ±1σ</option><option value="sigma:2">prior ±2σ</option><option value="sigma:3">prior ±3σ</option>
<option value="quantile:0.05">prior quantiles 5 %–95 %</option><option value="quantile:0.025">prior quantiles 2.5 %–97.5 %</option><option value="quantile:0.01">prior quantiles 1 %–99 %</option>
<option value="data">data: min–max of μ per dimension</option></select></div>
<p id="${id.rangeNote}" class="note"></p>
<div class="traverse"><div id="${id.labels}" class="trav-labels"></div><canvas id="${id.canvas}" width="10" height="10" role="img" aria-label="Latent traversals: one row per dimension over the chosen range"></canvas></div><p id="${id.note}" class="note"></p></section>`,
);
