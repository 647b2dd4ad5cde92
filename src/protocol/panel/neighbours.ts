// The k-NN inspector: choose an image (on the latent map, in the reconstructions, or by searching its file name)
// and see its k nearest images in latent space, by Euclidean or cosine distance between the μ(x).
import { section } from './section';

export const neighbours = section(
  'neighbours',
  {
    section: 'nn-section', heading: 'nn-h', note: 'nn-note', k: 'nn-k', /** radio-group name */ metric: 'nn-metric', search: 'nn-search', searchButton: 'nn-search-go',
    hits: 'nn-hits', fromRecon: 'nn-from-recon', query: 'nn-query', queryLabel: 'nn-query-label', list: 'nn-list', table: 'nn-table',
  },
  (id) => `<section id="${id.section}" aria-labelledby="${id.heading}"><h2 id="${id.heading}">Nearest images in latent space <small>(k-NN over μ(x) of every image)</small></h2>
<div class="controls"><label for="${id.k}">Neighbours (k)</label><input id="${id.k}" type="number" min="1" max="100" value="8">
<label><input type="radio" name="${id.metric}" value="euclidean" checked> Euclidean ‖μ − μ′‖</label>
<label><input type="radio" name="${id.metric}" value="cosine"> cosine 1 − cos(μ, μ′)</label></div>
<div class="controls" role="search"><label for="${id.search}">Find images by file name</label><input id="${id.search}" type="search" maxlength="200" placeholder="e.g. Bag/0003">
<button id="${id.searchButton}">Search</button></div>
<div id="${id.hits}" class="picker" role="group" aria-label="Images whose name matches: arrow keys move, Enter shows their neighbours"></div>
<p class="note">Or choose an image of the reconstructions above, or click a point on the latent map:</p>
<div id="${id.fromRecon}" class="picker" role="group" aria-label="The reconstructions' inputs: arrow keys move, Enter shows their neighbours"></div>
<p id="${id.note}" class="note" aria-live="polite"></p>
<div class="nn-result"><figure><canvas id="${id.query}" width="10" height="10" role="img" aria-labelledby="${id.queryLabel}"></canvas><figcaption id="${id.queryLabel}">no image chosen</figcaption></figure>
<ol id="${id.list}" class="nn-list" aria-label="Nearest images, nearest first: arrow keys move, Enter makes one the query"></ol></div>
<details class="as-table"><summary>Show as table</summary><table id="${id.table}"></table></details></section>`,
);
