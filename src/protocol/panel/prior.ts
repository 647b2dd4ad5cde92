// A learned prior's own section (MoG or VampPrior; hidden for N(0, I)): one row per mixture component, heaviest
// first, with its weight π_k, the VampPrior's pseudo-input u_k as an image, and samples from that component alone.
import { section } from './section';

export const prior = section(
  'prior',
  { section: 'prior', heading: 'prior-h', note: 'prior-note', table: 'prior-table', pseudoHeader: 'prior-pseudo-h', rows: 'prior-rows', map: 'prior-map' },
  (id) => `<section id="${id.section}" aria-labelledby="${id.heading}" hidden><h2 id="${id.heading}">The prior’s components <small id="${id.note}"></small></h2>
<table id="${id.table}" class="prior-table"><caption>Each component of the prior: its weight, its pseudo-input (VampPrior) and samples drawn from it alone at the samples’ temperature (Re-roll above draws new ones)</caption>
<thead><tr><th scope="col">Component</th><th scope="col">Weight π_k</th><th scope="col" id="${id.pseudoHeader}">Pseudo-input u_k</th><th scope="col">Samples z ∼ component k, decoded</th></tr></thead>
<tbody id="${id.rows}"></tbody></table>
<p id="${id.map}" class="note">The components’ means are marked on the latent map (squares, labelled by component) in the map’s own projection once the map is computed.</p></section>`,
);
