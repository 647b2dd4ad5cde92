// Encode Image: the input, the decoded μ, an edited image, its nearest dataset images and one slider per latent.
import { section } from './section';

export const encode = section(
  'encode',
  {
    section: 'encode-section', heading: 'enc-h', name: 'enc-name', original: 'enc-original', recon: 'enc-recon', edited: 'enc-edited', note: 'enc-note',
    neighboursRow: 'enc-neighbours-row', neighbours: 'enc-neighbours', neighbourNames: 'enc-neighbour-names', reset: 'enc-reset', save: 'enc-save', dims: 'enc-dims',
    /** Prefix of the slider ids: enc-z0, enc-z1, … */
    sliderPrefix: 'enc-z',
  },
  (id) => `<section id="${id.section}" aria-labelledby="${id.heading}" hidden><h2 id="${id.heading}">Encoded image <small id="${id.name}"></small></h2>
<div class="encode"><figure><canvas id="${id.original}" width="10" height="10" role="img" aria-label="input image"></canvas><figcaption>input</figcaption></figure>
<figure><canvas id="${id.recon}" width="10" height="10" role="img" aria-label="decoded μ"></canvas><figcaption>decoded μ</figcaption></figure>
<figure><canvas id="${id.edited}" width="10" height="10" role="img" aria-label="edited image (decoded from the sliders)"></canvas><figcaption>edited</figcaption></figure></div>
<p id="${id.note}" class="note"></p>
<div id="${id.neighboursRow}"><span class="note">Nearest images of the dataset in latent space:</span> <canvas id="${id.neighbours}" width="10" height="10" role="img" aria-label="nearest images of the dataset" aria-describedby="${id.neighbourNames}"></canvas>
<span id="${id.neighbourNames}" class="note"></span></div>
<div class="controls"><button id="${id.reset}">Reset to μ</button><button id="${id.save}">Save Edited Image…</button></div>
<div id="${id.dims}" class="enc-dims"></div></section>`,
);
