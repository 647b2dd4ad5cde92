// The latent map: μ(x) of the dataset in 2-D, hover for the image, click to decode.
import { section } from './section';

export const latentMap = section(
  'latentMap',
  {
    heading: 'map-h', note: 'map-note', method: 'map-method', compute: 'map-compute', canvas: 'map', hover: 'map-hover', hoverLabel: 'map-hover-label',
    decoded: 'map-decoded', decodedLabel: 'map-decoded-label', legend: 'map-legend', table: 'map-table',
  },
  (id) => `<section aria-labelledby="${id.heading}"><h2 id="${id.heading}">Latent map <small id="${id.note}">(μ(x) over the dataset, projected to 2-D)</small></h2>
<div class="controls"><label>Projection <select id="${id.method}"><option value="pca">PCA (any point decodes)</option><option value="umap">UMAP (clusters)</option></select></label><button id="${id.compute}">Compute latent map</button></div>
<div class="map"><canvas id="${id.canvas}" width="480" height="480" tabindex="0" role="application" aria-label="Latent map: hover or use the arrow keys to see an image, click or Enter to decode it" aria-describedby="${id.note} ${id.hoverLabel}"></canvas>
<div><figure><canvas id="${id.hover}" width="10" height="10" role="img" aria-labelledby="${id.hoverLabel}"></canvas><figcaption id="${id.hoverLabel}" aria-live="polite">hover a dot</figcaption></figure>
<figure><canvas id="${id.decoded}" width="10" height="10" role="img" aria-labelledby="${id.decodedLabel}"></canvas><figcaption id="${id.decodedLabel}" aria-live="polite">click to decode</figcaption></figure></div></div>
<div id="${id.legend}" class="legend"></div>
<details class="as-table"><summary>Show as table</summary><table id="${id.table}"></table></details></section>`,
);
