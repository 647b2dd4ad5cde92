// Latent traversals: one row per dimension, highest KL first.
import { section } from './section';

export const traversal = section(
  'traversal',
  { heading: 'trav-h', /** radio-group name */ center: 'trav-center', labels: 'trav-labels', canvas: 'traverse', note: 'trav-note' },
  (id) => `<section aria-labelledby="${id.heading}"><h2 id="${id.heading}">Traverse <small>(each row one latent dimension, −3σ to +3σ, highest KL first)</small></h2>
<div class="controls"><label><input type="radio" name="${id.center}" value="image" checked> around image A</label>
<label><input type="radio" name="${id.center}" value="origin"> around the origin</label></div>
<div class="traverse"><div id="${id.labels}" class="trav-labels"></div><canvas id="${id.canvas}" width="10" height="10" role="img" aria-label="Latent traversals: one row per dimension, −3σ to +3σ"></canvas></div><p id="${id.note}" class="note"></p></section>`,
);
